/** The roadmap page (grouped, with the late flag) and its .xlsx export; read-scoped like the actions. */
export default {
  routes: [
    { method: 'GET', path: '/roadmap', handler: 'roadmap.overview', config: { policies: [] } },
    { method: 'GET', path: '/roadmap/export.xlsx', handler: 'roadmap.exportXlsx', config: { policies: [] } },
  ],
};

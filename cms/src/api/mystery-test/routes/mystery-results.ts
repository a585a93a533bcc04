/** The figures of the validated mystery tests (config/roles.yaml `api::mystery-test.mystery-results`). */
export default {
  routes: [
    { method: 'GET', path: '/mystery-results', handler: 'mystery-results.show', config: { policies: [] } },
    { method: 'GET', path: '/mystery-results/export.xlsx', handler: 'mystery-results.exportXlsx', config: { policies: [] } },
  ],
};

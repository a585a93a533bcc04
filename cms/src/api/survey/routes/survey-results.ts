/** Staff routes: survey list with answer counts, results of one survey, Excel export. */
export default {
  routes: [
    { method: 'GET', path: '/survey-results', handler: 'survey-results.list', config: { policies: [] } },
    { method: 'GET', path: '/survey-results/:documentId', handler: 'survey-results.show', config: { policies: [] } },
    { method: 'GET', path: '/survey-results/:documentId/export', handler: 'survey-results.export', config: { policies: [] } },
  ],
};

/**
 * Staff routes: survey list with answer counts, results of one survey, Excel export, free-text
 * answers, and typing in a paper questionnaire (not behind the public forms' per-address limit).
 */
export default {
  routes: [
    { method: 'GET', path: '/survey-results', handler: 'survey-results.list', config: { policies: [] } },
    { method: 'GET', path: '/survey-results/:documentId', handler: 'survey-results.show', config: { policies: [] } },
    { method: 'GET', path: '/survey-results/:documentId/export', handler: 'survey-results.export', config: { policies: [] } },
    { method: 'GET', path: '/survey-results/:documentId/texts', handler: 'survey-results.texts', config: { policies: [] } },
    { method: 'GET', path: '/survey-results/:documentId/paper', handler: 'survey-results.paperForm', config: { policies: [] } },
    { method: 'POST', path: '/survey-results/:documentId/paper', handler: 'survey-results.enterPaper', config: { policies: [] } },
  ],
};

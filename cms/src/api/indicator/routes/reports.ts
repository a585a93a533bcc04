// The public results: no login, so those routes skip the users-permissions check (only aggregates).
const open = { auth: false as const, policies: [] };

export default {
  routes: [
    { method: 'GET', path: '/indicators-report', handler: 'indicators-report.overview', config: { policies: [] } },
    { method: 'GET', path: '/indicators-report/:documentId/trend', handler: 'indicators-report.trend', config: { policies: [] } },
    { method: 'GET', path: '/public/results', handler: 'published-results.show', config: { policies: [] } },
    { method: 'GET', path: '/public/results/poster.pdf', handler: 'published-results.poster', config: open },
    { method: 'GET', path: '/public/open-data/resultats.json', handler: 'published-results.openDataJson', config: open },
    { method: 'GET', path: '/public/open-data/resultats.csv', handler: 'published-results.openDataCsv', config: open },
  ],
};

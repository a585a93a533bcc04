export default {
  routes: [
    { method: 'GET', path: '/indicators-report', handler: 'indicators-report.overview', config: { policies: [] } },
    { method: 'GET', path: '/indicators-report/:documentId/trend', handler: 'indicators-report.trend', config: { policies: [] } },
    { method: 'GET', path: '/public/results', handler: 'published-results.show', config: { policies: [] } },
  ],
};

export default {
  routes: [
    { method: 'GET', path: '/reports/evaluation', handler: 'report.evaluation', config: { policies: [] } },
    { method: 'GET', path: '/reports/synthesis', handler: 'report.synthesis', config: { policies: [] } },
  ],
};

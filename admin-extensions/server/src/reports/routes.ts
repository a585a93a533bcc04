// The controller checks the read permission on evaluations, as the progress widget does.
export const reportRoutes = [
  { method: 'GET', path: '/reports', handler: 'reports.catalog', config: { policies: ['admin::isAuthenticatedAdmin'] } },
  { method: 'GET', path: '/reports/evaluation', handler: 'reports.evaluation', config: { policies: ['admin::isAuthenticatedAdmin'] } },
  { method: 'GET', path: '/reports/synthesis', handler: 'reports.synthesis', config: { policies: ['admin::isAuthenticatedAdmin'] } },
];

// The controller checks the read permission on evaluations (a subject-specific check).
export const dashboardRoutes = [
  { method: 'GET', path: '/dashboard/progress', handler: 'dashboard.progress', config: { policies: ['admin::isAuthenticatedAdmin'] } },
  { method: 'GET', path: '/dashboard/readiness', handler: 'dashboard.readiness', config: { policies: ['admin::isAuthenticatedAdmin'] } },
];

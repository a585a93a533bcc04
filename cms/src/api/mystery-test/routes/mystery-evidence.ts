/** A validated test as evidence of the evaluations it observes (config/roles.yaml `api::mystery-test.mystery-evidence`). */
export default {
  routes: [
    { method: 'GET', path: '/mystery-tests/:documentId/evidence', handler: 'mystery-evidence.targets', config: { policies: [] } },
    { method: 'POST', path: '/mystery-tests/:documentId/evidence', handler: 'mystery-evidence.attach', config: { policies: [] } },
  ],
};

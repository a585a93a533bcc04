/** A tester's own mystery tests (config/roles.yaml `api::mystery-test.mystery-tester`). */
export default {
  routes: [
    { method: 'GET', path: '/my-mystery-tests', handler: 'mystery-tester.mine', config: { policies: [] } },
    { method: 'PUT', path: '/mystery-tests/:documentId/result', handler: 'mystery-tester.result', config: { policies: [] } },
  ],
};

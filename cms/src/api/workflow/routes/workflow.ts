// The workflow API (docs/architecture.md, « Circuit de validation »). Every role, anonymous
// included, reaches these handlers so that an anonymous call gets a clear 401 from the controller;
// the rules themselves are in config/workflows.yaml.
export default {
  routes: [
    { method: 'GET', path: '/workflow/definitions', handler: 'workflow.definitions', config: { policies: [] } },
    { method: 'GET', path: '/workflow/inbox', handler: 'workflow.inbox', config: { policies: [] } },
    { method: 'POST', path: '/workflow/batch', handler: 'workflow.batch', config: { policies: [] } },
    { method: 'GET', path: '/workflow/:collection/:documentId/history', handler: 'workflow.history', config: { policies: [] } },
    { method: 'POST', path: '/workflow/:collection/:documentId/transitions', handler: 'workflow.transition', config: { policies: [] } },
    // A decision on every document waiting for it (config/workflows.yaml `decisions:`): « Approuver la charte ».
    { method: 'POST', path: '/workflow/decisions/:name', handler: 'workflow.decision', config: { policies: [] } },
  ],
};

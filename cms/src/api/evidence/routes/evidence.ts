export default {
  routes: [
    { method: 'GET', path: '/evidence', handler: 'evidence.list', config: { policies: [] } },
    { method: 'GET', path: '/evidence/expiring', handler: 'evidence.expiring', config: { policies: [] } },
    { method: 'POST', path: '/evidence/procedures', handler: 'evidence.procedure', config: { policies: [] } },
    { method: 'PUT', path: '/evidence/:fileId', handler: 'evidence.update', config: { policies: [] } },
    { method: 'POST', path: '/evidence/:fileId/versions', handler: 'evidence.version', config: { policies: [] } },
  ],
};

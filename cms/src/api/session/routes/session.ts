export default {
  routes: [{ method: 'GET', path: '/session', handler: 'session.show', config: { policies: [] } }],
};

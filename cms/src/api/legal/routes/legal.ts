/** GET /api/legal: the legal notice and privacy policy of the public site, granted per role in config/roles.yaml. */
export default {
  routes: [{ method: 'GET', path: '/legal', handler: 'legal.show', config: { policies: [] } }],
};

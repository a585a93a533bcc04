// Public on purpose, like the labels: the statement is owed to everyone, and every page (staff pages
// too, before or after login) shows its mention.
/** GET /api/accessibility: the accessibility statement, schéma and plans (config/accessibility.yaml). */
export default {
  routes: [{ method: 'GET', path: '/accessibility', handler: 'accessibility.show', config: { auth: false, policies: [] } }],
};

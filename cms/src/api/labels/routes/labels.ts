// Public on purpose: the public pages name choices too, and labels are no secret (config/labels.yaml).
export default {
  routes: [{ method: 'GET', path: '/labels', handler: 'labels.show', config: { auth: false, policies: [] } }],
};

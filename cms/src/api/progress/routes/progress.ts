export default {
  routes: [
    { method: 'GET', path: '/progress', handler: 'progress.services', config: { policies: [] } },
    { method: 'GET', path: '/progress/themes', handler: 'progress.themes', config: { policies: [] } },
    { method: 'GET', path: '/progress/evaluations', handler: 'progress.evaluations', config: { policies: [] } },
    { method: 'GET', path: '/progress/interviews', handler: 'progress.interviews', config: { policies: [] } },
  ],
};

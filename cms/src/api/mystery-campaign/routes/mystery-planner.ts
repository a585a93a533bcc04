/** Planning a wave of mystery tests (référent qualité, config/roles.yaml `api::mystery-campaign.mystery-planner`). */
export default {
  routes: [
    { method: 'POST', path: '/mystery-campaigns/:documentId/plan', handler: 'mystery-planner.plan', config: { policies: [] } },
    { method: 'GET', path: '/mystery-campaigns/:documentId/planning', handler: 'mystery-planner.planning', config: { policies: [] } },
  ],
};

/**
 * The agent survey, for staff after login (config/roles.yaml `api::survey.agent-survey`): the open
 * agent surveys, one form, and the answer — stored without the account (surveys/agent-surveys.ts).
 */
export default {
  routes: [
    { method: 'GET', path: '/agent-surveys', handler: 'agent-survey.list', config: { policies: [] } },
    { method: 'GET', path: '/agent-surveys/:documentId', handler: 'agent-survey.show', config: { policies: [] } },
    { method: 'POST', path: '/agent-surveys/:documentId/responses', handler: 'agent-survey.respond', config: { policies: [] } },
  ],
};

import { publicIntakeFor } from '../../../public-intake/guard';

/**
 * Anonymous routes of the satisfaction survey (no account, no token read): the list of open
 * surveys, one survey's form, and posting an answer behind the public-forms guard.
 */
export default {
  routes: [
    { method: 'GET', path: '/public/surveys', handler: 'public-survey.list', config: { auth: false, policies: [] } },
    { method: 'GET', path: '/public/surveys/:documentId', handler: 'public-survey.show', config: { auth: false, policies: [] } },
    {
      method: 'POST',
      path: '/public/surveys/:documentId/responses',
      handler: 'public-survey.respond',
      config: { auth: false, policies: [], middlewares: [publicIntakeFor('survey-response')] },
    },
  ],
};

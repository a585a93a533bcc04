const authenticated = { policies: ['admin::isAuthenticatedAdmin'] };

// The content-type uid is part of the path (`api::evaluation.evaluation`): the panel knows the model it shows.
export const workflowRoutes = [
  // Public on purpose: the panel loads its translations before anyone logs in; labels only.
  { method: 'GET', path: '/labels', handler: 'workflow.labels', config: { auth: false, policies: [] } },
  // The whole model map (config/labels.yaml): type, field and choice labels of the plugin's pages.
  { method: 'GET', path: '/labels/model', handler: 'workflow.model', config: { auth: false, policies: [] } },
  { method: 'GET', path: '/workflow/definitions', handler: 'workflow.definitions', config: authenticated },
  { method: 'GET', path: '/workflow/:uid/:documentId', handler: 'workflow.panel', config: authenticated },
  { method: 'POST', path: '/workflow/:uid/:documentId/transitions', handler: 'workflow.transition', config: authenticated },
];

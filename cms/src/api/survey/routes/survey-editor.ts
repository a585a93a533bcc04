/** The front's survey editor (référent qualité, config/roles.yaml `api::survey.survey-editor`). */
export default {
  routes: [
    { method: 'GET', path: '/survey-editor', handler: 'survey-editor.blank', config: { policies: [] } },
    { method: 'GET', path: '/survey-editor/:documentId', handler: 'survey-editor.show', config: { policies: [] } },
    { method: 'POST', path: '/survey-editor', handler: 'survey-editor.create', config: { policies: [] } },
    { method: 'PUT', path: '/survey-editor/:documentId', handler: 'survey-editor.update', config: { policies: [] } },
  ],
};

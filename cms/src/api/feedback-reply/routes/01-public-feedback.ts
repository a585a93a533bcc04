/** « Vous nous l’avez dit, nous l’avons fait » (/vous-nous-avez-dit): approved replies and done actions. */
export default {
  routes: [{ method: 'GET', path: '/public/feedback', handler: 'public-feedback.show', config: { policies: [] } }],
};

// Every role reaches the handler (config/roles.yaml) so that refusals come in French from the
// controller; who is told is `mailAlertReaders` in config/roles.yaml.
export default {
  routes: [{ method: 'GET', path: '/mail-status', handler: 'mail.status', config: { policies: [] } }],
};

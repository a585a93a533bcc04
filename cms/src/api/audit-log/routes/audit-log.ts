// Every role reaches the handler (config/roles.yaml) so that refusals come in French from the
// controller; who may read is `auditLogReaders` in config/roles.yaml.
export default {
  routes: [{ method: 'GET', path: '/audit-log', handler: 'audit-log.find', config: { policies: [] } }],
};

/** An auditor's mission, and « Prêt pour l'audit ? » (config/roles.yaml `api::audit-finding.audit`). */
export default {
  routes: [
    { method: 'GET', path: '/audit/mandate', handler: 'audit.mandate', config: { policies: [] } },
    { method: 'GET', path: '/audit/readiness', handler: 'audit.readiness', config: { policies: [] } },
  ],
};

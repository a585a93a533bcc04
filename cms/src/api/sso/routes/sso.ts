// Public on purpose: these are the doors of a sign-in, taken before there is any session. Failed
// callbacks are counted per address like failed password logins (cms/src/sso/oidc-flow.ts).
export default {
  routes: [
    { method: 'GET', path: '/sso/providers', handler: 'sso.providers', config: { auth: false, policies: [] } },
    { method: 'GET', path: '/sso/:provider/login', handler: 'sso.login', config: { auth: false, policies: [] } },
    { method: 'GET', path: '/sso/:provider/callback', handler: 'sso.callback', config: { auth: false, policies: [] } },
    { method: 'POST', path: '/sso/session', handler: 'sso.session', config: { auth: false, policies: [] } },
    { method: 'GET', path: '/sso/:provider/logout', handler: 'sso.logout', config: { auth: false, policies: [] } },
  ],
};

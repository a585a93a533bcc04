// Public pages: no login, so the routes skip the users-permissions check (nothing here is private).
const open = { auth: false as const, policies: [] };

export default {
  routes: [
    { method: 'GET', path: '/public/charter', handler: 'charter-version.current', config: open },
    { method: 'GET', path: '/public/charter/versions', handler: 'charter-version.list', config: open },
    { method: 'GET', path: '/public/charter/versions/:number', handler: 'charter-version.one', config: open },
    { method: 'GET', path: '/public/charter.pdf', handler: 'charter-version.pdf', config: open },
  ],
};

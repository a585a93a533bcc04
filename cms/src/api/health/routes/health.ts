// Public on purpose: load balancers, Docker and monitoring call them without an account. They say
// what runs, never what the data is.
export default {
  routes: [
    { method: 'GET', path: '/health/live', handler: 'health.live', config: { auth: false, policies: [] } },
    { method: 'GET', path: '/health/ready', handler: 'health.ready', config: { auth: false, policies: [] } },
  ],
};

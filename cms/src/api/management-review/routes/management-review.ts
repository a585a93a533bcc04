export default {
  routes: [
    { method: 'GET', path: '/management-review', handler: 'management-review.show', config: { policies: [] } },
    { method: 'GET', path: '/management-review/file', handler: 'management-review.file', config: { policies: [] } },
    { method: 'PUT', path: '/management-review/decisions', handler: 'management-review.decisions', config: { policies: [] } },
  ],
};

'use strict';
// Strapi loads this file; the TypeScript sources in server/src are compiled to dist/ by `npm run build`
// (run by the root postinstall).
module.exports = require('./dist/server/index.js').default;

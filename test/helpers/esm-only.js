// ESM-only packages (openid-client in the cms, oidc-provider in the tests): Node loads them with
// require(esm) (Node 20.19+), Jest 29's own module registry cannot, so Jest compiles them to CommonJS.
const ESM_ONLY = ['openid-client', 'oauth4webapi', 'oidc-provider'];

module.exports = {
  // Their own files and their copy of jose (ESM since v6; the jose 4 at the top of node_modules is CommonJS, left alone).
  esmTransform: { [`/node_modules/(${ESM_ONLY.join('|')})/((?!node_modules/).+|node_modules/jose/.+)\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }] },
  esmIgnorePatterns: [`/node_modules/(?!(${[...ESM_ONLY, 'jose'].join('|')})/)`],
};

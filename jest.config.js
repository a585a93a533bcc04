const ESM_ONLY = ['openid-client', 'oauth4webapi', 'oidc-provider'];
// Their own files and their copy of jose (ESM since v6; the jose 4 at the top of node_modules is CommonJS, left alone).
const ESM_FILES = `/node_modules/(${ESM_ONLY.join('|')})/((?!node_modules/).+|node_modules/jose/.+)\\.js$`;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Component tests run in jsdom but import Node-side helpers (yaml): resolve packages as Node does.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }],
    // ESM-only packages (openid-client in the cms, oidc-provider in the tests): Node loads them with
    // require(esm), Jest 29's own module registry cannot, so they are compiled to CommonJS for Jest only.
    [ESM_FILES]: ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${[...ESM_ONLY, 'jose'].join('|')})/)`],
  moduleNameMapper: { '\\.css$': '<rootDir>/test/helpers/style-stub.js' },
  roots: ['<rootDir>/test'],
  // Every suite on its own (`npx jest test/api/roadmap.test.ts`); `npm test` runs the same suites
  // in parallel, the API ones grouped: test/jest.groups.config.js.
  testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/front/**/*.test.tsx', '<rootDir>/test/api/*.test.ts'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  testTimeout: 120000,
  // Strapi keeps timers and pools open until destroy(); each suite destroys its instance.
  forceExit: true,
};

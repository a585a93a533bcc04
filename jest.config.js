const { esmTransform, esmIgnorePatterns } = require('./test/helpers/esm-only.js');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Component tests run in jsdom but import Node-side helpers (yaml): resolve packages as Node does.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }],
    ...esmTransform,
  },
  transformIgnorePatterns: esmIgnorePatterns,
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

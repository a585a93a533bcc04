const path = require('node:path');
const { esmTransform, esmIgnorePatterns } = require('../helpers/esm-only.js');

/** Browser end-to-end suite: the real app (npm start) on a fresh database, driven in Debian's Chromium. */
/** @type {import('jest').Config} */
module.exports = {
  rootDir: path.join(__dirname, '..', '..'),
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['@swc/jest'], ...esmTransform },
  transformIgnorePatterns: esmIgnorePatterns,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
  testTimeout: 120000,
  // playwright keeps a pipe to the browser process a moment after close().
  forceExit: true,
};

// `npm test`: every suite of jest.config.js, in parallel workers, the API suites that boot an
// in-process Strapi run in the groups of test/api/groups/groups.json (one Jest file per group: see
// test/helpers/suite-group.ts). One suite alone still runs on its own: `npx jest test/api/roadmap.test.ts`.
const fs = require('node:fs');
const path = require('node:path');
const base = require('../jest.config.js');

const root = path.join(__dirname, '..');
const groups = require('./api/groups/groups.json');
const groupFiles = fs.readdirSync(path.join(__dirname, 'api', 'groups')).filter((f) => f.endsWith('.test.ts')).map((f) => f.replace(/\.test\.ts$/, ''));
const problems = [
  ...Object.keys(groups).filter((g) => !groupFiles.includes(g)).map((g) => `groupe « ${g} » sans fichier test/api/groups/${g}.test.ts`),
  ...groupFiles.filter((g) => !groups[g]).map((g) => `test/api/groups/${g}.test.ts absent de groups.json`),
];
const grouped = Object.values(groups).flat();
for (const name of grouped) {
  if (!fs.existsSync(path.join(__dirname, 'api', `${name}.test.ts`))) problems.push(`suite inconnue « ${name} »`);
  if (grouped.indexOf(name) !== grouped.lastIndexOf(name)) problems.push(`suite « ${name} » dans deux groupes`);
}
if (problems.length) throw new Error(`test/api/groups/groups.json : ${[...new Set(problems)].join(' ; ')}`);

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: root,
  testMatch: [...base.testMatch, '<rootDir>/test/api/groups/*.test.ts'],
  // A grouped suite runs in its group only.
  testPathIgnorePatterns: ['/node_modules/', ...grouped.map((name) => `^<rootDir>/test/api/${name}\\.test\\.ts$`)],
  testSequencer: '<rootDir>/test/helpers/longest-first.js',
  // One worker per core: the suites wait on PostgreSQL, on SMTP and on child processes, and each
  // works on its own database copy, ports and files (DESIGN of the tests: test/helpers/).
  maxWorkers: '100%',
};

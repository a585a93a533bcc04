// Prints how long each test suite took, slowest first, from Jest's --json output and from the
// durations the grouped API suites wrote (.tmp/suite-times/, see suite-group.ts):
//   node test/helpers/suite-durations.mjs .tmp/jest-results.json [--tests N]
// With --tests N, also the N slowest tests. Reads only; a missing file says so and exits 0 (the
// test step has already passed or failed on its own).
import fs from 'node:fs';
import path from 'node:path';

const [file, ...rest] = process.argv.slice(2);
const slowestTests = rest[0] === '--tests' ? Number(rest[1] ?? 10) : 0;
if (!file || !fs.existsSync(file)) {
  console.log(`Durées des suites : pas de résultats Jest (${file ?? 'aucun fichier donné'}).`);
  process.exit(0);
}
const root = process.cwd();
const results = JSON.parse(fs.readFileSync(file, 'utf8'));
const timesDir = path.join(root, '.tmp', 'suite-times');
const grouped = fs.existsSync(timesDir)
  ? fs.readdirSync(timesDir).flatMap((f) => fs.readFileSync(path.join(timesDir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)))
  : [];

const seconds = (ms) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
const files = results.testResults.map((s) => ({
  name: path.relative(root, s.name),
  ms: s.endTime - s.startTime,
  status: s.status,
  tests: s.assertionResults.length,
}));
const isGroup = (name) => name.startsWith(`test${path.sep}api${path.sep}groups${path.sep}`);
const suites = [
  ...files.filter((f) => !isGroup(f.name)),
  ...grouped.map((g) => {
    // A grouped suite's tests sit under a describe named after its file.
    const own = results.testResults.find((f) => path.relative(root, f.name) === g.group)?.assertionResults.filter((t) => t.ancestorTitles[0] === g.file) ?? [];
    const status = own.some((t) => t.status === 'failed') ? 'failed' : own.length ? 'passed' : '?';
    return { name: g.file, ms: g.ms, status, tests: own.length, group: path.basename(g.group, '.test.ts') };
  }),
].sort((a, b) => b.ms - a.ms);

console.log(`Durées des ${suites.length} suites, la plus lente d'abord (une suite groupée : de son beforeAll à son afterAll) :`);
for (const s of suites) {
  const notes = [s.status === 'passed' ? null : s.status, s.group ? `groupe ${s.group}` : null].filter(Boolean);
  console.log(`${seconds(s.ms)}  ${s.name}${notes.length ? ` (${notes.join(', ')})` : ''}`);
}
const groups = files.filter((f) => isGroup(f.name)).sort((a, b) => b.ms - a.ms);
if (groups.length) {
  console.log('\nGroupes (fichiers de test/api/groups/, chargement de Strapi compris) :');
  for (const g of groups) console.log(`${seconds(g.ms)}  ${g.name} (${g.tests} tests${g.status === 'passed' ? '' : `, ${g.status}`})`);
}
const first = Math.min(...results.testResults.map((s) => s.startTime));
const last = Math.max(...results.testResults.map((s) => s.endTime));
console.log(`\nSomme des fichiers ${seconds(files.reduce((n, f) => n + f.ms, 0)).trim()} ; du début du premier à la fin du dernier ${seconds(last - first).trim()}.`);
if (slowestTests) {
  const tests = results.testResults
    .flatMap((s) => s.assertionResults.map((t) => ({ name: `${path.relative(root, s.name)} › ${t.fullName}`, ms: t.duration ?? 0 })))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, slowestTests);
  console.log(`\nLes ${tests.length} tests les plus lents :`);
  for (const t of tests) console.log(`${seconds(t.ms)}  ${t.name}`);
}

import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../database/paths';
import { testDistDir } from './compiled-cms';

/** test/api/groups/groups.json: group name → the API suites it runs (file names without `.test.ts`). */
export const GROUPS_FILE = path.join(repoRoot, 'test', 'api', 'groups', 'groups.json');

/** Where each grouped suite's duration is written (one file per worker), for the summary at the end of CI. */
export const SUITE_TIMES_DIR = path.join(repoRoot, '.tmp', 'suite-times');

/**
 * State kept at module level, so per process rather than per Strapi instance, that the instance
 * before left behind:
 * - the cms's caches filled from its database: accounts, roles and memberships
 *   (access/auth-cache.ts, AUTH_CACHE_SECONDS) and the figures kept by version, progress and
 *   mystery tests (platform/db/versioned-cache.ts, keyed by version counters that every copy of
 *   the demo database starts at). Everything else
 *   the cms keeps at module level is read from config/ or derived from the schema, the same for
 *   every copy; pg-boss and the mail outbox are let go by destroy(). (Strapi's own in-memory limit
 *   on admin logins is off: cms/config/admin.ts.)
 */
function forgetPreviousInstance(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled modules the running cms uses
  const dist = (file: string) => require(path.join(testDistDir(), 'src', file));
  dist('access/auth-cache').clearAuthCache();
  dist('platform/db/versioned-cache').clearVersionedCaches();
}

/**
 * Runs API suites one after the other in one Jest file (see test/api/groups/). Each keeps what it
 * has alone: its own copy of the demo database, its own Strapi instance booted and destroyed by its
 * own beforeAll/afterAll, its environment variables put back afterwards, the cms's module-level
 * caches emptied before it. What it shares is Jest's module registry: Strapi's 5,000 modules are
 * loaded once per group instead of once per suite, the larger part of a boot.
 */
export function runSuitesTogether(names: string[]): void {
  for (const name of names) {
    const file = path.join(repoRoot, 'test', 'api', `${name}.test.ts`);
    if (!fs.existsSync(file)) throw new Error(`Suite inconnue : ${file}`);
    describe(path.relative(repoRoot, file), () => {
      let env: NodeJS.ProcessEnv = {};
      let startedAt = 0;
      beforeAll(() => {
        startedAt = Date.now();
        env = { ...process.env };
        forgetPreviousInstance();
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a suite registers its tests when loaded
      require(file);
      afterAll(() => {
        for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
        Object.assign(process.env, env);
        fs.mkdirSync(SUITE_TIMES_DIR, { recursive: true });
        const line = { file: path.relative(repoRoot, file), group: path.relative(repoRoot, expect.getState().testPath ?? ''), ms: Date.now() - startedAt };
        fs.appendFileSync(path.join(SUITE_TIMES_DIR, `${process.pid}.jsonl`), `${JSON.stringify(line)}\n`);
      });
    });
  }
}

/** The suites of the group whose file this is (test/api/groups/<name>.test.ts), as groups.json lists them. */
export function runGroup(groupFile: string): void {
  const name = path.basename(groupFile, '.test.ts');
  const groups = JSON.parse(fs.readFileSync(GROUPS_FILE, 'utf8')) as Record<string, string[]>;
  if (!groups[name]) throw new Error(`Groupe « ${name} » absent de ${path.relative(repoRoot, GROUPS_FILE)}`);
  runSuitesTogether(groups[name]);
}

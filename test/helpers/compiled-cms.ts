import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { compileStrapi } from '@strapi/strapi';
import { cmsDir, repoRoot } from '../../database/paths';

/**
 * Where the tests' compiled cms lives: cms/dist, or the folder named by CHARTE_TEST_DIST (inside
 * cms/, e.g. `.tmp/dist-alice`) so that two people's test runs on one checkout do not recompile
 * each other's files mid-run. Inside cms/ so the compiled code resolves packages and config/ alike.
 */
export function testDistDir(): string {
  const own = process.env.CHARTE_TEST_DIST;
  return own ? path.resolve(cmsDir, own) : path.join(cmsDir, 'dist');
}

/**
 * The cms as the tests run it: the workspaces it loads compiled first (the contract, the admin
 * extensions' server code), so that no test ever runs against a stale build of them.
 */
export async function compileCmsForTests(): Promise<string> {
  for (const workspace of ['contract', 'admin-extensions']) execFileSync('npm', ['run', 'build', '--workspace', workspace], { cwd: repoRoot, stdio: 'ignore' });
  if (!process.env.CHARTE_TEST_DIST) return (await compileStrapi({ appDir: cmsDir })).distDir ?? testDistDir();
  const { compile } = (await import('@strapi/typescript-utils')) as unknown as {
    compile(dir: string, options: { configOptions: { options: Record<string, unknown> } }): Promise<void>;
  };
  await compile(cmsDir, { configOptions: { options: { outDir: testDistDir(), incremental: false } } });
  return testDistDir();
}

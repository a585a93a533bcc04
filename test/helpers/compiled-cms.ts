import path from 'node:path';
import { compileStrapi } from '@strapi/strapi';
import { cmsDir } from '../../database/paths';

/**
 * Where the tests' compiled cms lives: cms/dist, or the folder named by CHARTE_TEST_DIST (inside
 * cms/, e.g. `.tmp/dist-alice`) so that two people's test runs on one checkout do not recompile
 * each other's files mid-run. Inside cms/ so the compiled code resolves packages and config/ alike.
 */
export function testDistDir(): string {
  const own = process.env.CHARTE_TEST_DIST;
  return own ? path.resolve(cmsDir, own) : path.join(cmsDir, 'dist');
}

export async function compileCmsForTests(): Promise<string> {
  if (!process.env.CHARTE_TEST_DIST) return (await compileStrapi({ appDir: cmsDir })).distDir ?? testDistDir();
  const { compile } = (await import('@strapi/typescript-utils')) as unknown as {
    compile(dir: string, options: { configOptions: { options: Record<string, unknown> } }): Promise<void>;
  };
  await compile(cmsDir, { configOptions: { options: { outDir: testDistDir(), incremental: false } } });
  return testDistDir();
}

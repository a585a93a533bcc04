import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
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
 * Compiles the cms as Strapi's build does (cms/tsconfig.json, TypeScript's own emitter, the same
 * files and options), file by file without the type check: the emitted JavaScript is the same, byte
 * for byte, in a few seconds instead of half a minute. The type check is `npm run typecheck`'s job
 * (CI runs it before the tests).
 */
export async function compileCmsForTests(): Promise<string> {
  // The workspaces the cms loads, built first: no test may run against a stale build of them.
  for (const workspace of ['contract', 'admin-extensions']) execFileSync('npm', ['run', 'build', '--workspace', workspace], { cwd: repoRoot, stdio: 'ignore' });
  const outDir = testDistDir();
  // Emptied first, so that a file moved or deleted in cms/src leaves nothing behind that Strapi
  // would still load (cms/dist keeps the admin panel's build of `npm start`, build/, and its stamp).
  if (process.env.CHARTE_TEST_DIST) fs.rmSync(outDir, { recursive: true, force: true });
  else for (const entry of fs.existsSync(outDir) ? fs.readdirSync(outDir) : []) if (entry !== 'build' && entry !== '.source-stamp') fs.rmSync(path.join(outDir, entry), { recursive: true, force: true });
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(cmsDir, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('cms/tsconfig.json illisible');
  if (parsed.errors.length) throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  const options: ts.CompilerOptions = { ...parsed.options, outDir, incremental: false };
  const rootDir = options.rootDir ?? cmsDir;
  for (const file of parsed.fileNames) {
    if (file.endsWith('.d.ts')) continue;
    const target = path.join(outDir, path.relative(rootDir, file).replace(/\.tsx?$/, '.js'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!/\.tsx?$/.test(file)) {
      fs.copyFileSync(file, target); // the content types' schema.json
      continue;
    }
    const { outputText, diagnostics } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file, reportDiagnostics: true });
    if (diagnostics?.length) throw new Error(`${file} : ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n')}`);
    fs.writeFileSync(target, outputText);
  }
  return outDir;
}

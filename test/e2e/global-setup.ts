import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { repoRoot } from '../../database/paths';
import { createTestDatabase } from '../helpers/test-database';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: { exitCode: number | null }, timeoutMs: number) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`L’application s’est arrêtée (code ${child.exitCode}) : voir test/artifacts/e2e-server.log`);
    try {
      const res = await fetch(`${url}/_health`);
      if (res.status === 204) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`L’application n’a pas démarré en ${timeoutMs / 1000} s : voir test/artifacts/e2e-server.log`);
}

/** Starts the app as a newcomer would (`npm start`, building what changed) on a fresh database. */
export default async function globalSetup() {
  const database = await createTestDatabase();
  const port = await freePort();
  const artifacts = path.join(repoRoot, 'test', 'artifacts');
  fs.mkdirSync(path.join(artifacts, 'screenshots'), { recursive: true });
  const log = fs.openSync(path.join(artifacts, 'e2e-server.log'), 'w');
  const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'database/start.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      SMTP_HOST: '',
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  process.env.E2E_BASE_URL = url;
  // For the suites that set up what no page can (mails given up by an SMTP server: mails.e2e.ts).
  process.env.E2E_DATABASE_URL = database.url;
  (globalThis as Record<string, unknown>).__e2e = { child, database };
  await waitForHealth(url, child, 15 * 60_000);
}

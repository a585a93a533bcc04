import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { cmsDir } from '../../database/paths';

export interface CmsProcess {
  name: string;
  url: string;
  /** Ids of the scheduled test jobs this instance ran (see CHARTE_TEST_SCHEDULE). */
  ticks: string[];
  stop(): Promise<void>;
  /** Kills the process outright (SIGKILL: no shutdown, as in a crash or a power cut). */
  kill(): Promise<void>;
  /** What the process wrote on stdout and stderr (its last 200 kB). */
  output(): string;
}

/** A loopback port free right now. */
export async function freeTcpPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts the compiled cms (cms/dist) in a child process listening on its own port, and resolves
 * once it serves requests. `env` comes on top of this process's environment (secrets, NODE_ENV).
 */
export async function startCmsProcess(name: string, env: Record<string, string>, timeoutMs = 60000): Promise<CmsProcess> {
  const port = await freeTcpPort();
  const child: ChildProcess = fork(path.join(__dirname, 'cms-process-main.cjs'), [], {
    env: { ...process.env, ...env, CHARTE_CMS_DIR: cmsDir, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const ticks: string[] = [];
  child.on('message', (message: { tick?: string }) => {
    if (message.tick) ticks.push(message.tick);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM'); // Strapi destroys itself on SIGTERM: pg-boss stops, the pool closes.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
  };

  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} : pas prêt en ${timeoutMs} ms.\n${output.slice(-4000)}`)), timeoutMs);
      child.on('message', (message: { ready?: boolean }) => {
        if (message.ready) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} : arrêté au démarrage (code ${code}).\n${output.slice(-4000)}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, url: `http://127.0.0.1:${port}`, ticks, stop, kill, output: () => output };
}

export interface Answer {
  status: number;
  body: any;
}

/** One JSON call to a cms running in its own process (a test sees the answer as a browser would). */
export async function call(base: string, method: string, route: string, token?: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A demo account's JWT from that cms. */
export async function loginTo(base: string, email: string, password: string): Promise<string> {
  const res = await call(base, 'POST', '/api/auth/local', undefined, { identifier: email, password });
  if (res.status !== 200) throw new Error(`Connexion impossible pour ${email} : ${res.status}`);
  return res.body.jwt;
}

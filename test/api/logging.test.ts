import pg from 'pg';
import { call, freeTcpPort, loginTo, startCmsProcess, type CmsProcess } from '../helpers/cms-process';
import { copyOfTemplate } from '../helpers/database-copy';
import { DEMO_PASSWORD } from '../helpers/strapi';

/**
 * The server's output as the town's IT reads it: a cms started with the default environment (no
 * LOG_LEVEL, no LOG_FORMAT) prints its info lines, its warnings and its errors — here those of a
 * mail the SMTP server never takes — and LOG_FORMAT=json gives one JSON object per line carrying
 * the request id the answer gave.
 */
let database: Awaited<ReturnType<typeof copyOfTemplate>>;
let db: pg.Client;
const started: CmsProcess[] = [];

/** Polls `read` until `done` holds, failing with the last value seen after `timeoutMs`. */
async function until<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Condition non remplie en ${timeoutMs} ms ; dernière valeur :\n${String(value).slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function draftOfAccueil(): Promise<string> {
  const { rows } = await db.query(
    `SELECT e.document_id FROM evaluations e
       JOIN evaluations_service_lnk l ON l.evaluation_id = e.id
       JOIN services s ON s.id = l.service_id
      WHERE s.slug = 'accueil-etat-civil' AND e.workflow_state = 'draft' AND e.result <> 'non-evalue'
      ORDER BY e.id LIMIT 1`,
  );
  return rows[0].document_id as string;
}

beforeAll(async () => {
  database = await copyOfTemplate(process.env.TEST_TEMPLATE_URL!);
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
}, 60_000);

afterAll(async () => {
  await Promise.all(started.map((cms) => cms.stop()));
  await db?.end();
  await database?.drop();
});

async function start(name: string, env: Record<string, string>): Promise<CmsProcess> {
  const cms = await startCmsProcess(name, { DATABASE_URL: database.url, NODE_ENV: 'test', LOG_LEVEL: '', LOG_FORMAT: '', ...env });
  started.push(cms);
  return cms;
}

describe('server log with the default environment', () => {
  it('prints info lines, warnings and errors (a mail that cannot leave), not a line per request', async () => {
    const smtpPort = await freeTcpPort(); // nothing listens there: every attempt is refused
    const cms = await start('journal par défaut', {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      MAIL_RETRY_LIMIT: '1',
      MAIL_RETRY_DELAY_SECONDS: '1',
      MAIL_POLL_SECONDS: '0.5',
      MAIL_PAUSE_SECONDS: '1',
    });
    expect(cms.output()).toMatch(/info: Courriels : envoi par 127\.0\.0\.1:\d+, 1 nouveaux essais au plus/);

    const jwt = await loginTo(cms.url, 'agent.accueil@demo.local', DEMO_PASSWORD);
    const submitted = await call(cms.url, 'POST', `/api/workflow/evaluations/${await draftOfAccueil()}/transitions`, jwt, { action: 'submit' });
    expect(submitted.status).toBe(200);

    const output = await until(cms.output, (text) => /error: Courriel à \S+ abandonné après 2 essai\(s\)/.test(text));
    expect(output).toMatch(/warn: .*Envoi du courriel à \S+ impossible \(.*ECONNREFUSED.*\) : nouvel essai plus tard\./);
    expect(output).toMatch(/warn: .*Courriels : le serveur SMTP refuse tous les envois ; un essai toutes les 1 s/);
    // The request lines are at http level, under the default threshold.
    expect(output).not.toMatch(/POST \/api\/auth\/local/);
  }, 120_000);
});

describe('LOG_FORMAT=json', () => {
  it('writes one JSON object per line, with the request id answered in X-Request-Id, and no password', async () => {
    const cms = await start('journal JSON', { LOG_FORMAT: 'json', LOG_LEVEL: 'http' });
    const res = await fetch(`${cms.url}/api/auth/local`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'agent.accueil@demo.local', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const output = await until(cms.output, (text) => text.includes(requestId!));
    const lines = output.split('\n').filter((line) => line.startsWith('{'));
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(Object.keys(entry).every((key) => ['time', 'level', 'message', 'requestId', 'route', 'userId', 'stack'].includes(key))).toBe(true);
    const ofRequest = entries.filter((entry) => entry.requestId === requestId);
    expect(ofRequest).toEqual([expect.objectContaining({ level: 'http', route: '/api/auth/local', message: expect.stringContaining('POST /api/auth/local') })]);
    expect(output).not.toContain(DEMO_PASSWORD);

    // An id a reverse proxy gave is kept.
    const proxied = await fetch(`${cms.url}/api/labels`, { headers: { 'x-request-id': 'proxy-1234abcd' } });
    expect(proxied.headers.get('x-request-id')).toBe('proxy-1234abcd');
  }, 120_000);
});

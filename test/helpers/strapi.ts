import { createStrapi, type Core } from '@strapi/strapi';
import request from 'supertest';
import { cmsDir } from '../../database/paths';
import { testDistDir } from './compiled-cms';
import { copyOfTemplate } from './database-copy';
import { DEMO_PASSWORD } from './demo-accounts';
import { eventually } from './eventually';

let suiteDatabase: { url: string; drop(): Promise<void> } | undefined;

/**
 * Boots the compiled cms in this test file, on its own copy of the run's database (demo town
 * included), listening on a free loopback port.
 */
export async function startStrapi(): Promise<Core.Strapi> {
  suiteDatabase = await copyOfTemplate(process.env.TEST_TEMPLATE_URL!);
  process.env.DATABASE_URL = suiteDatabase.url;
  const app = createStrapi({ appDir: cmsDir, distDir: testDistDir() });
  await app.load();
  trackAfterCommitWork(app);
  await app.server.mount();
  // Listening once: supertest would otherwise open and close the server around each request, and
  // concurrent requests would see it closed under them (ECONNRESET).
  await new Promise<void>((resolve) => app.server.httpServer.listen(0, '127.0.0.1', resolve));
  return app;
}

/** Work started after a commit (Strapi's `onCommit` callbacks), per instance, until it settles. */
const afterCommit = new WeakMap<Core.Strapi, Set<Promise<unknown>>>();

/**
 * The Document Service emits its entry events after commit without awaiting them: each runs in an
 * `onCommit` callback of `strapi.db.transaction` (it reads the entry again, then emits). Wrapping
 * that callback keeps its promise in view, unchanged: same moment, same result, and a rejection
 * still surfaces as it did (the tracking handler throws it again).
 */
function trackAfterCommitWork(app: Core.Strapi): void {
  const running = new Set<Promise<unknown>>();
  afterCommit.set(app, running);
  type Params = { onCommit: (callback: () => unknown) => void } & Record<string, unknown>;
  const db = app.db as unknown as { transaction: (callback?: (params: Params) => unknown) => unknown };
  const transaction = db.transaction.bind(db);
  db.transaction = (callback) => {
    if (!callback) return transaction();
    return transaction((params) =>
      callback({
        ...params,
        onCommit: (after) =>
          params.onCommit(() => {
            const result = after();
            if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
              const settled = Promise.resolve(result);
              running.add(settled);
              const forget = () => running.delete(settled);
              settled.then(forget, (error) => {
                forget();
                throw error;
              });
            }
            return result;
          }),
      }),
    );
  };
}

/** No query running or waiting for a connection on the instance's pool. */
function poolIdle(app: Core.Strapi): { used: number; waiting: number } {
  const pool = (app.db.connection.client as unknown as { pool?: { numUsed(): number; numPendingAcquires(): number; numPendingCreates(): number } }).pool;
  return pool ? { used: pool.numUsed(), waiting: pool.numPendingAcquires() + pool.numPendingCreates() } : { used: 0, waiting: 0 };
}

/**
 * Waits until the instance's background work is over: the after-commit work of the Document Service
 * (entry events), campaign builds (they answer 202 and build afterwards), the mail outbox's relay, and
 * then any query still using or waiting for a connection.
 */
export async function untilBackgroundWorkDone(app: Core.Strapi): Promise<void> {
  const knex = app.db.connection;
  await eventually(
    'la fin du travail en arrière-plan (événements après validation, créations de campagne, boîte d’envoi, requêtes en cours)',
    async () => {
      const events = afterCommit.get(app)?.size ?? 0;
      const builds = Number(
        (
          await knex('strapi_core_store_settings')
            .where('key', 'like', 'plugin_charte-admin_campaign-build:%')
            .where('value', 'like', '%"state":"running"%')
            .count({ n: '*' })
            .first()
        )?.n ?? 0,
      );
      const mails = Number((await knex('charte_mail_outbox').count({ n: '*' }).first())?.n ?? 0);
      // Read last, once the reads above have given their connection back.
      return { events, builds, mails, ...poolIdle(app) };
    },
    (v) => v.events === 0 && v.builds === 0 && v.mails === 0 && v.used === 0 && v.waiting === 0,
    { timeoutMs: 60_000, intervalMs: 20 },
  );
}

export async function stopStrapi(app: Core.Strapi | undefined): Promise<void> {
  // An entry event's read still running when the pool is destroyed would fail the suite
  // ("Timeout acquiring a connection"): wait for them, and for any query in flight, to end.
  try {
    if (app) {
      await eventually(
        'la fin des événements après validation et des requêtes en cours',
        () => ({ events: afterCommit.get(app)?.size ?? 0, ...poolIdle(app) }),
        (v) => v.events === 0 && v.used === 0 && v.waiting === 0,
        { timeoutMs: 60_000, intervalMs: 10 },
      );
    }
  } finally {
    // Destroyed whatever happened: it releases pg-boss and the outbox relay, which the next suite
    // of a group would otherwise find still bound to this instance.
    await app?.destroy();
    await suiteDatabase?.drop();
    suiteDatabase = undefined;
  }
}

export function http(app: Core.Strapi) {
  return request(app.server.httpServer);
}

export { DEMO_PASSWORD };

/** Logs a users-permissions account in and returns its JWT. */
export async function login(app: Core.Strapi, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await http(app).post('/api/auth/local').send({ identifier: email, password });
  if (res.status !== 200) throw new Error(`Connexion impossible pour ${email} : ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.jwt as string;
}

/** Logs an admin-panel account in and returns its admin JWT (for the /charte-admin routes). */
export async function adminLogin(app: Core.Strapi, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await http(app).post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`Connexion à l’administration impossible pour ${email} : ${res.status}`);
  return res.body.data.token as string;
}

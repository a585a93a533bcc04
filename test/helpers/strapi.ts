import { createStrapi, type Core } from '@strapi/strapi';
import request from 'supertest';
import { cmsDir } from '../../database/paths';
import { testDistDir } from './compiled-cms';
import { copyOfTemplate } from './database-copy';

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
  await app.server.mount();
  // Listening once: supertest would otherwise open and close the server around each request, and
  // concurrent requests would see it closed under them (ECONNRESET).
  await new Promise<void>((resolve) => app.server.httpServer.listen(0, '127.0.0.1', resolve));
  return app;
}

export async function stopStrapi(app: Core.Strapi | undefined): Promise<void> {
  // The Document Service emits its entry events after commit, without being awaited: an event's
  // read still running when the pool is destroyed fails the suite ("Timeout acquiring a connection").
  if (app) await new Promise((resolve) => setTimeout(resolve, 500));
  await app?.destroy();
  await suiteDatabase?.drop();
  suiteDatabase = undefined;
}

export function http(app: Core.Strapi) {
  return request(app.server.httpServer);
}

export const DEMO_PASSWORD = 'Charte-Accueil-2026';

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

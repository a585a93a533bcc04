import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import request from 'supertest';
import { cmsDir } from '../../database/paths';

/** Boots the compiled cms in this test file, on the run's database, without listening on a port. */
export async function startStrapi(): Promise<Core.Strapi> {
  const app = createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist') });
  await app.load();
  await app.server.mount();
  return app;
}

export async function stopStrapi(app: Core.Strapi | undefined): Promise<void> {
  await app?.destroy();
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

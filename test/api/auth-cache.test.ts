import type { Core } from '@strapi/strapi';
import { eventually } from '../helpers/eventually';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

// The per-instance memo of users, permissions and memberships (cms/src/access/auth-cache.ts) must
// never let a change wait for its delay on the instance where the change was made.
let app: Core.Strapi;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(() => stopStrapi(app));

const get = (jwt: string, path: string) => http(app).get(path).set('Authorization', `Bearer ${jwt}`);

describe('authentication memo', () => {
  it('locks a blocked account out at its next request', async () => {
    const jwt = await login(app, 'chef.cabinet@demo.local');
    await get(jwt, '/api/users/me').expect(200);
    await get(jwt, '/api/users/me').expect(200); // now remembered
    await app.db.query('plugin::users-permissions.user').update({ where: { email: 'chef.cabinet@demo.local' }, data: { blocked: true } });
    await get(jwt, '/api/users/me').expect(401);
  });

  it('applies a permission removed from a role at the next request', async () => {
    const jwt = await login(app, 'agent.accueil@demo.local');
    await get(jwt, '/api/campaigns').expect(200);
    const role = await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'agent' } });
    await app.db.query('plugin::users-permissions.permission').deleteMany({ where: { action: 'api::campaign.campaign.find', role: role.id } });
    await get(jwt, '/api/campaigns').expect(403);
  });

  it('narrows what an agent reads as soon as they leave their service', async () => {
    const jwt = await login(app, 'agent.accueil@demo.local');
    const before = await get(jwt, '/api/evaluations?pagination[pageSize]=1').expect(200);
    expect(before.body.meta.pagination.total).toBeGreaterThan(0);
    const service = await app.db.query('api::service.service').findOne({ where: { slug: 'accueil-etat-civil' } });
    await app.documents('api::service.service').update({ documentId: service.documentId, data: { agents: [] } as never });
    const after = await get(jwt, '/api/evaluations?pagination[pageSize]=1').expect(200);
    expect(after.body.meta.pagination.total).toBe(0);
  });

  it('refuses a token once it has expired, even one verified a moment before', async () => {
    const user = await app.db.query('plugin::users-permissions.user').findOne({ where: { email: 'agent.accueil@demo.local' } });
    const jwt = app.plugin('users-permissions').service('jwt').issue({ id: user.id }, { expiresIn: '2s' }) as string;
    await get(jwt, '/api/users/me').expect(200);
    await get(jwt, '/api/users/me').expect(200); // now remembered
    // Expired by jsonwebtoken's rule (whole seconds: now ≥ exp), which is also when the memo forgets it.
    const { exp } = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as { exp: number };
    await eventually('l’expiration du jeton', () => Date.now() >= exp * 1000, Boolean, { timeoutMs: 5000, intervalMs: 20 });
    await get(jwt, '/api/users/me').expect(401);
  });

  it('applies a change of the accounts settings (e-mail confirmation) at the next request', async () => {
    const email = 'chef.scolaire@demo.local';
    const store = app.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
    const settings = (await store.get({})) as Record<string, unknown>;
    await app.db.query('plugin::users-permissions.user').update({ where: { email }, data: { confirmed: false } });
    try {
      const jwt = await login(app, email);
      await get(jwt, '/api/users/me').expect(200);
      await get(jwt, '/api/users/me').expect(200); // settings now remembered
      await store.set({ value: { ...settings, email_confirmation: true } });
      await get(jwt, '/api/users/me').expect(401);
    } finally {
      await store.set({ value: settings });
      await app.db.query('plugin::users-permissions.user').update({ where: { email }, data: { confirmed: true } });
    }
  });
});

import type { Core } from '@strapi/strapi';
import pg from 'pg';
import { startCmsProcess } from '../helpers/cms-process';
import { copyOfTemplate } from '../helpers/database-copy';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { refuseDemoAccountsInProduction, usableDemoAccounts } from '../../cms/src/security/production-safety';
import { seedDemoTown } from '../../database/seed/seed-demo';

let app: Core.Strapi;

beforeAll(async () => {
  app = await startStrapi();
});

afterAll(async () => {
  await stopStrapi(app);
});

describe('demo accounts in production', () => {
  it('lists every usable demo account and refuses them in production only', async () => {
    const accounts = await usableDemoAccounts(app);
    expect(accounts).toEqual(expect.arrayContaining(['dgs@demo.local', 'agent.accueil@demo.local', 'admin@demo.local', 'referentiel@demo.local']));
    await expect(refuseDemoAccountsInProduction(app, 'test')).resolves.toBeUndefined();
    await expect(refuseDemoAccountsInProduction(app, 'production')).rejects.toThrow(/Démarrage refusé en production : \d+ compte\(s\) de démonstration[\s\S]*- dgs@demo\.local/);
  });

  it('never loads the demo town in production', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await app.db.connection.raw('truncate services cascade');
      expect(await seedDemoTown(app)).toBe(false);
      expect(await app.db.query('api::service.service').count()).toBe(0);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });

  it('lets production start once the demo accounts are blocked or deactivated', async () => {
    await app.db.query('plugin::users-permissions.user').updateMany({ where: { email: { $endsWith: '@demo.local' } }, data: { blocked: true } });
    await app.db.query('admin::user').updateMany({ where: { email: { $endsWith: '@demo.local' } }, data: { isActive: false } });
    expect(await usableDemoAccounts(app)).toEqual([]);
    await expect(refuseDemoAccountsInProduction(app, 'production')).resolves.toBeUndefined();
  });
});

describe('a real production boot', () => {
  const production = { NODE_ENV: 'production', LOG_LEVEL: 'error' };

  it('refuses to start on a database holding the demo accounts', async () => {
    const copy = await copyOfTemplate(process.env.TEST_TEMPLATE_URL!);
    try {
      await expect(startCmsProcess('production-demo', { ...production, DATABASE_URL: copy.url }, 150000)).rejects.toThrow(
        /arrêté au démarrage[\s\S]*Démarrage refusé en production/,
      );
    } finally {
      await copy.drop();
    }
  }, 200000);

  it('starts once the demo accounts are blocked, and sends HSTS', async () => {
    const copy = await copyOfTemplate(process.env.TEST_TEMPLATE_URL!);
    try {
      const client = new pg.Client({ connectionString: copy.url });
      await client.connect();
      await client.query(`UPDATE up_users SET blocked = true WHERE email LIKE '%@demo.local'`);
      await client.query(`UPDATE admin_users SET is_active = false WHERE email LIKE '%@demo.local'`);
      await client.end();
      const cms = await startCmsProcess('production-blocked', { ...production, DATABASE_URL: copy.url }, 150000);
      try {
        const res = await fetch(`${cms.url}/api/charter-principles`);
        expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
        expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        // The demo password no longer opens anything.
        const login = await fetch(`${cms.url}/api/auth/local`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identifier: 'dgs@demo.local', password: 'Charte-Accueil-2026' }),
        });
        expect(login.status).toBe(400);
      } finally {
        await cms.stop();
      }
    } finally {
      await copy.drop();
    }
  }, 200000);
});

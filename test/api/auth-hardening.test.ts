import type { Core } from '@strapi/strapi';
import { adminLogin, DEMO_PASSWORD, http, login, startStrapi, stopStrapi } from '../helpers/strapi';
import { securityConfig, tokenLifetimeSeconds } from '../../cms/src/security/security-config';

const USER = 'plugin::users-permissions.user';
const LOGIN_FAILED = 'Identifiant ou mot de passe incorrect.';
const STRONG = 'Tilleul-Boussole-Marmite-47';

let app: Core.Strapi;

beforeAll(async () => {
  app = await startStrapi();
});

afterAll(async () => {
  await stopStrapi(app);
});

/** Every test starts with no failed attempt on record (they all come from 127.0.0.1). */
beforeEach(async () => {
  await app.db.connection.raw('delete from charte_rate_limits').catch(() => undefined);
});

const attempt = (identifier: string, password: string) => http(app).post('/api/auth/local').send({ identifier, password });

async function createUser(email: string, extra: Record<string, unknown> = {}) {
  const role = await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'agent' } });
  return app
    .plugin('users-permissions')
    .service('user')
    .add({ username: email.split('@')[0], email, password: STRONG, provider: 'local', confirmed: true, blocked: false, role: role.id, ...extra });
}

describe('login failures say nothing about the account', () => {
  it('answers the same to an unknown account, a wrong password, a blocked and an unconfirmed account', async () => {
    await createUser('bloque@mairie.test', { blocked: true });
    await createUser('non.confirme@mairie.test', { confirmed: false });
    const advanced = app.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
    await advanced.set({ value: { ...((await advanced.get()) as object), email_confirmation: true } });
    const answers = [
      await attempt('personne@mairie.test', STRONG),
      await attempt('dgs@demo.local', 'Pas-le-bon-mot-de-passe-2026'),
      await attempt('bloque@mairie.test', STRONG),
      await attempt('non.confirme@mairie.test', STRONG),
    ];
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(res.body).toEqual(answers[0].body);
    }
    expect(answers[0].body.error.message).toBe(LOGIN_FAILED);
  });

  it('takes about as long for an unknown account as for a wrong password (one bcrypt comparison each)', async () => {
    // Three attempts of each, taken in turns: a busy moment of the machine (the other test workers)
    // then weighs on both averages alike instead of on whichever was being timed.
    const total = { known: 0, unknown: 0 };
    const time = async (kind: keyof typeof total, identifier: string) => {
      const started = process.hrtime.bigint();
      await attempt(identifier, 'Pas-le-bon-mot-de-passe-2026');
      total[kind] += Number(process.hrtime.bigint() - started) / 1e6;
    };
    for (let i = 0; i < 3; i += 1) {
      await time('known', 'qualite@demo.local');
      await time('unknown', 'inconnu@demo.local');
    }
    const known = total.known / 3;
    const unknown = total.unknown / 3;
    expect(unknown).toBeGreaterThan(known * 0.5);
  });

  it('answers « mot de passe oublié » the same way whether or not the address has an account', async () => {
    const known = await http(app).post('/api/auth/forgot-password').send({ email: 'dgs@demo.local' });
    const unknown = await http(app).post('/api/auth/forgot-password').send({ email: 'personne@mairie.test' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual(known.body);
    expect(known.body.message).toMatch(/^Si un compte correspond à cette adresse/);
  });
});

describe('login rate limit', () => {
  it('locks an account after the configured failures, in French with Retry-After, even with the right password', async () => {
    const { failures, windowMinutes } = securityConfig().login.perAccount;
    for (let i = 0; i < failures; i += 1) expect((await attempt('chef.accueil@demo.local', `Mauvais-essai-${i}-xyz`)).status).toBe(400);
    const locked = await attempt('chef.accueil@demo.local', DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(windowMinutes * 60);
    expect(locked.body.error.message).toMatch(/^Trop de tentatives de connexion\. Réessayez dans \d+ minutes?\.$/);
    // The lock is per account: another account from the same address still logs in.
    expect((await attempt('chef.scolaire@demo.local', DEMO_PASSWORD)).status).toBe(200);
    // Identifiers differing only by case share one counter.
    expect((await attempt('CHEF.ACCUEIL@demo.local', DEMO_PASSWORD)).status).toBe(429);
  });

  it('forgets the failures of an account once it logs in', async () => {
    const { failures } = securityConfig().login.perAccount;
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < failures - 1; i += 1) await attempt('chef.enfance@demo.local', `Mauvais-essai-${i}-xyz`);
      expect((await attempt('chef.enfance@demo.local', DEMO_PASSWORD)).status).toBe(200);
    }
  });

  it('locks an address that tries many accounts', async () => {
    const { failures } = securityConfig().login.perAddress;
    for (let i = 0; i < failures; i += 1) await attempt(`essai${i}@mairie.test`, 'Mauvais-essai-xyz');
    const res = await attempt('chef.cabinet@demo.local', DEMO_PASSWORD);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('never slows down the panel\'s logins that succeed, and refuses a wrong password in French', async () => {
    // Strapi's own limit (five logins in five minutes, successful or not) is off: only failures count.
    for (let i = 0; i < 8; i += 1) await http(app).post('/admin/login').send({ email: 'admin@demo.local', password: DEMO_PASSWORD }).expect(200);
    const wrong = await http(app).post('/admin/login').send({ email: 'admin@demo.local', password: 'Mauvais-essai-xyz' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe(LOGIN_FAILED);
    await http(app).post('/admin/login').send({ email: 'admin@demo.local', password: DEMO_PASSWORD }).expect(200);
  });

  it('locks the admin panel login too', async () => {
    const { failures } = securityConfig().login.perAccount;
    for (let i = 0; i < failures; i += 1) await http(app).post('/admin/login').send({ email: 'referentiel@demo.local', password: `Mauvais-essai-${i}-xyz` });
    const res = await http(app).post('/admin/login').send({ email: 'referentiel@demo.local', password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.body.error.message).toMatch(/^Trop de tentatives de connexion/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('password policy on every door', () => {
  const weak = ['court', 'motdepasse2026', 'azertyuiop123'];

  it('refuses weak passwords through the Document Service (scripts, REST user routes) and says why', async () => {
    await expect(createUser('faible@mairie.test', { password: 'court' })).rejects.toThrow(/trop court : au moins 12 caractères/);
    await expect(createUser('faible@mairie.test', { password: 'azertyuiop123' })).rejects.toThrow(/trop courant ou trop facile à deviner/);
    await expect(createUser('sophie.durand@mairie.test', { password: 'sophie.durand2026' })).rejects.toThrow(/reprend votre nom ou votre adresse e-mail/);
    expect(await app.db.query(USER).count({ where: { email: { $in: ['faible@mairie.test', 'sophie.durand@mairie.test'] } } })).toBe(0);
    expect(await createUser('solide@mairie.test')).toMatchObject({ email: 'solide@mairie.test' });
  });

  it('refuses them in the admin panel Content Manager', async () => {
    const token = await adminLogin(app, 'admin@demo.local');
    const role = await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'agent' } });
    const res = await http(app)
      .post('/content-manager/collection-types/plugin::users-permissions.user')
      .set('Authorization', `Bearer ${token}`)
      .send({ username: 'cm.faible', email: 'cm.faible@mairie.test', password: 'motdepasse2026', confirmed: true, blocked: false, role: role.id });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Mot de passe refusé/);
    const ok = await http(app)
      .post('/content-manager/collection-types/plugin::users-permissions.user')
      .set('Authorization', `Bearer ${token}`)
      .send({ username: 'cm.solide', email: 'cm.solide@mairie.test', password: STRONG, confirmed: true, blocked: false, role: role.id });
    expect(ok.status).toBe(201);
    // Editing another field leaves the password alone (the panel sends it empty).
    const edit = await http(app)
      .put(`/content-manager/collection-types/plugin::users-permissions.user/${(ok.body.data ?? ok.body).documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ username: 'cm.solide2', password: '' });
    expect(edit.status).toBe(200);
    expect((await attempt('cm.solide@mairie.test', STRONG)).status).toBe(200);
  });

  it('refuses them on reset-password and change-password', async () => {
    const user = await createUser('oubli@mairie.test');
    await app.db.query(USER).update({ where: { id: user.id }, data: { resetPasswordToken: 'code-de-test-123' } });
    const badCode = await http(app).post('/api/auth/reset-password').send({ code: 'mauvais', password: STRONG, passwordConfirmation: STRONG });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.message).toMatch(/^Lien de réinitialisation invalide/);
    for (const password of weak) {
      const res = await http(app).post('/api/auth/reset-password').send({ code: 'code-de-test-123', password, passwordConfirmation: password });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Mot de passe (trop court|refusé)/);
    }
    const renewed = 'Cerisier-Lanterne-Piano-83';
    const reset = await http(app).post('/api/auth/reset-password').send({ code: 'code-de-test-123', password: renewed, passwordConfirmation: renewed });
    expect(reset.status).toBe(200);

    // No role of config/roles.yaml may change its password through the API yet: open the door for this test.
    await app.db.query('plugin::users-permissions.permission').create({ data: { action: 'plugin::users-permissions.auth.changePassword', role: user.role.id } });
    const jwt = await login(app, 'oubli@mairie.test', renewed);
    const change = (password: string, currentPassword = renewed) =>
      http(app).post('/api/auth/change-password').set('Authorization', `Bearer ${jwt}`).send({ currentPassword, password, passwordConfirmation: password });
    const weakChange = await change('motdepasse2026');
    expect(weakChange.status).toBe(400);
    expect(weakChange.body.error.message).toMatch(/^Mot de passe refusé/);
    expect((await change(STRONG, 'pas-le-bon')).body.error.message).toBe('Le mot de passe actuel est incorrect.');
    expect((await change(STRONG)).status).toBe(200);
  });

  it('refuses them for the admin panel accounts', async () => {
    const token = await adminLogin(app, 'admin@demo.local');
    const editorRole = await app.db.query('admin::role').findOne({ where: { name: 'Éditeur du référentiel' } });
    const created = await http(app)
      .post('/admin/users')
      .set('Authorization', `Bearer ${token}`)
      .send({ email: 'nouvel.admin@mairie.test', firstname: 'Nouvel', lastname: 'Admin', roles: [editorRole.id] });
    expect(created.status).toBe(201);
    const weakEdit = await http(app)
      .put(`/admin/users/${created.body.data.id}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ password: 'Motdepasse2026', isActive: true });
    expect(weakEdit.status).toBe(400);
    expect(weakEdit.body.error.message).toMatch(/^Mot de passe refusé/);
    const me = await http(app).put('/admin/users/me').set('Authorization', `Bearer ${token}`).send({ currentPassword: DEMO_PASSWORD, password: 'court' });
    expect(me.status).toBe(400);
    expect(me.body.error.message).toMatch(/^Mot de passe trop court/);
  });

  it('accepts the demo password (outside production)', async () => {
    expect((await attempt('dgs@demo.local', DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('sessions and headers', () => {
  it('issues tokens that expire after the configured lifetime', async () => {
    const jwt = await login(app, 'dgs@demo.local');
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(tokenLifetimeSeconds());
  });

  it('sends the security headers on the API and the admin panel', async () => {
    for (const path of ['/api/charter-principles', '/admin/init']) {
      const res = await http(app).get(path);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['permissions-policy']).toContain('camera=()');
      // HSTS only in production (tested in production-safety.test.ts): a local http:// would break.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });
});

describe('uploads', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90), Buffer.from('This program cannot be run in DOS mode.')]);

  it('accepts a real PDF, refuses an executable renamed .pdf (415) and a file over the limit (413), in French', async () => {
    const jwt = await login(app, 'agent.accueil@demo.local');
    const upload = (content: Buffer, filename: string, contentType: string) =>
      http(app).post('/api/upload').set('Authorization', `Bearer ${jwt}`).attach('files', content, { filename, contentType });
    const before = await app.db.query('plugin::upload.file').count();

    const fake = await upload(exe, 'rapport.pdf', 'application/pdf');
    expect(fake.status).toBe(415);
    expect(fake.body.error.message).toBe('Fichier refusé : le contenu de « rapport.pdf » ne correspond pas à son extension (fichier renommé ou endommagé).');
    const script = await upload(Buffer.from('echo bonjour'), 'outil.sh', 'text/plain');
    expect(script.status).toBe(415);
    expect(script.body.error.message).toMatch(/n’est pas accepté \(formats acceptés : pdf, png/);

    const limit = securityConfig().uploads.maxSizeMegabytes;
    const big = await upload(Buffer.concat([pdf, Buffer.alloc(limit * 1024 * 1024 + 1, 0x20)]), 'gros.pdf', 'application/pdf');
    expect(big.status).toBe(413);
    expect(big.body.error.message).toMatch(new RegExp(`^Fichier trop volumineux : « gros\\.pdf » fait [\\d,]+ Mo, la limite est de ${limit} Mo\\.$`));
    expect(await app.db.query('plugin::upload.file').count()).toBe(before);

    const good = await upload(pdf, 'charte.pdf', 'application/pdf');
    expect(good.status).toBe(201);
    expect(good.body[0]).toMatchObject({ name: 'charte.pdf', mime: 'application/pdf' });
  });

  it('applies the same rules to the admin panel media library', async () => {
    const token = await adminLogin(app, 'admin@demo.local');
    const res = await http(app).post('/upload').set('Authorization', `Bearer ${token}`).attach('files', exe, { filename: 'photo.png', contentType: 'image/png' });
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/^Fichier refusé : le contenu de « photo\.png »/);
  });
});

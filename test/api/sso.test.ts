import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ssoProvidersSchema, ssoSessionSchema } from '@charte/contract/schemas';
import type { Core } from '@strapi/strapi';
import { DEMO_PASSWORD, http, startStrapi, stopStrapi } from '../helpers/strapi';
import { browse, CookieJar, signInAtProvider, startOidcProvider, writeSsoConfig, type TestProvider } from '../helpers/oidc-provider';

/**
 * Sign-in through the town's directory against a real OpenID provider (oidc-provider, in this
 * process, on its own port): nothing of the protocol is mocked. Each refusal is checked by the
 * French sentence the login page shows.
 */
const USER = 'plugin::users-permissions.user';
const SECRET_ENV = 'CHARTE_TEST_SSO_SECRET';

let app: Core.Strapi;
let directory: TestProvider;
let appUrl: string;
let configDir: string;
const savedEnv = { config: process.env.CHARTE_SSO_CONFIG, secret: process.env[SECRET_ENV] };

beforeAll(async () => {
  directory = await startOidcProvider({
    people: {
      'marie.durand': { email: 'marie.durand@ville-test.fr', given_name: 'Marie', family_name: 'Durand', groups: ['GG-Service-Accueil-Chefs'] },
      'luc.martin': { email: 'luc.martin@ville-test.fr', given_name: 'Luc', family_name: 'Martin', groups: ['Tous-les-agents'] },
      'julie.moreau': { email: 'agent.accueil@demo.local', given_name: 'Julie', family_name: 'Moreau', groups: ['GG-Service-Accueil-Agents'] },
      intrus: { email: 'intrus@exemple.org', given_name: 'Ivan', family_name: 'Trus', groups: ['GG-Qualite'] },
    },
  });
  let file: string;
  ({ dir: configDir, file } = writeSsoConfig(directory, {
    prefix: 'charte-sso-',
    name: 'Annuaire de la ville',
    secretEnv: SECRET_ENV,
    domains: ['ville-test.fr', 'demo.local'],
    rules: [
      '{ group: GG-Qualite, role: referent-qualite }',
      '{ group: GG-Service-Accueil-Chefs, role: chef-de-service, headOf: [accueil-etat-civil] }',
      '{ group: GG-Service-Accueil-Agents, role: agent, agentOf: [accueil-etat-civil] }',
    ],
  }));
  process.env.CHARTE_SSO_CONFIG = file;
  process.env[SECRET_ENV] = directory.clientSecret;
  app = await startStrapi();
  appUrl = `http://127.0.0.1:${(app.server.httpServer.address() as AddressInfo).port}`;
  directory.register({ redirectUris: [`${appUrl}/api/sso/annuaire/callback`], postLogoutRedirectUris: [`${appUrl}/connexion`] });
});

afterAll(async () => {
  await stopStrapi(app);
  await directory?.stop();
  fs.rmSync(configDir, { recursive: true, force: true });
  for (const [name, value] of [['CHARTE_SSO_CONFIG', savedEnv.config], [SECRET_ENV, savedEnv.secret]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

beforeEach(async () => {
  await app.db.connection.raw('delete from charte_rate_limits').catch(() => undefined);
});

/** Back at the application from the provider: the callback opened, then the outcome the login page reads. */
async function finishAt(jar: CookieJar, callback: string): Promise<{ status: number; jwt?: string; message?: string }> {
  const back = await browse(jar, callback);
  expect(back.status).toBe(302);
  expect(back.headers.get('location')).toBe('/connexion?sso=1');
  // Nothing but the protocol's own parameters ever travels in an address.
  expect(back.headers.get('location')).not.toMatch(/jwt|token|nonce|verifier/i);
  const outcome = await browse(jar, `${appUrl}/api/sso/session`, { method: 'POST' });
  const body = await outcome.json();
  if (outcome.status === 200) ssoSessionSchema.parse(body);
  return { status: outcome.status, jwt: body.jwt, message: body.error?.message };
}

async function signIn(login: string, jar = new CookieJar()) {
  return finishAt(jar, await signInAtProvider(jar, appUrl, 'annuaire', login));
}

async function sessionOf(jwt: string) {
  const res = await http(app).get('/api/session').set('Authorization', `Bearer ${jwt}`);
  expect(res.status).toBe(200);
  return res.body.data as { user: { email: string; name: string }; role: { type: string }; services: { slug: string; isHead: boolean }[] };
}

const accountOf = (email: string) => app.db.query(USER).findOne({ where: { email }, populate: { role: true } });

describe('the login page', () => {
  it('lists the providers of config/sso.yaml for its « Se connecter avec … » buttons', async () => {
    const res = await http(app).get('/api/sso/providers');
    expect(res.status).toBe(200);
    expect(ssoProvidersSchema.parse(res.body).data).toEqual([{ id: 'annuaire', name: 'Annuaire de la ville' }]);
  });

  it('sends the browser to the provider with PKCE, state and nonce, and keeps them in a signed httpOnly cookie', async () => {
    const jar = new CookieJar();
    const res = await browse(jar, `${appUrl}/api/sso/annuaire/login`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(directory.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('redirect_uri')).toBe(`${appUrl}/api/sso/annuaire/callback`);
    for (const p of ['state', 'nonce', 'code_challenge']) expect(to.searchParams.get(p)).toMatch(/^[\w-]{20,}$/);
    expect(to.searchParams.has('code_verifier')).toBe(false);
    const cookies = res.headers.getSetCookie().join('\n');
    expect(cookies).toMatch(/charte_sso_flow=[^;]+;.*path=\/api\/sso;.*httponly/i);
    expect(cookies).toMatch(/charte_sso_flow\.sig=/);
  });
});

describe('a first sign-in creates the account, and the rules give its role and services', () => {
  it('creates the head of accueil-etat-civil from the group GG-Service-Accueil-Chefs, signed in with the same JWT as a password login', async () => {
    expect(await accountOf('marie.durand@ville-test.fr')).toBeNull();
    const outcome = await signIn('marie.durand');
    expect(outcome.status).toBe(200);
    const session = await sessionOf(outcome.jwt!);
    expect(session.user).toMatchObject({ email: 'marie.durand@ville-test.fr', name: 'Marie Durand' });
    expect(session.role.type).toBe('chef-de-service');
    expect(session.services).toEqual([expect.objectContaining({ slug: 'accueil-etat-civil', isHead: true })]);
    // The same users-permissions JWT as /api/auth/local: the content API takes it as it is.
    const me = await http(app).get('/api/users/me').set('Authorization', `Bearer ${outcome.jwt}`);
    expect(me.status).toBe(200);
    expect(me.body).not.toHaveProperty('ssoSubject');
    const account = await accountOf('marie.durand@ville-test.fr');
    expect(account).toMatchObject({ ssoProvider: 'annuaire', ssoSubject: 'marie.durand', provider: 'annuaire', confirmed: true, blocked: false });
    expect(account.password).toBeNull();
  });

  it('reads the outcome once: a second read says there is no sign-in under way', async () => {
    const jar = new CookieJar();
    const first = await finishAt(jar, await signInAtProvider(jar, appUrl, 'annuaire', 'marie.durand'));
    expect(first.status).toBe(200);
    const again = await browse(jar, `${appUrl}/api/sso/session`, { method: 'POST' });
    expect(again.status).toBe(401);
    expect((await again.json()).error.message).toBe('Aucune connexion en cours : recommencez depuis la page de connexion.');
  });

  it('re-applies the rules at each sign-in: moved from head of service to référent qualité', async () => {
    directory.people.get('marie.durand')!.groups = ['GG-Qualite'];
    const outcome = await signIn('marie.durand');
    expect(outcome.status).toBe(200);
    const session = await sessionOf(outcome.jwt!);
    expect(session.role.type).toBe('referent-qualite');
    expect(session.services).toEqual([]);
  });

  it('takes back the role and the services when the directory no longer maps the account, with a French message', async () => {
    directory.people.get('marie.durand')!.groups = ['GG-Service-Accueil-Chefs'];
    expect((await signIn('marie.durand')).status).toBe(200);
    directory.people.get('marie.durand')!.groups = ['Anciens-agents'];
    const outcome = await signIn('marie.durand');
    expect(outcome).toEqual({
      status: 403,
      jwt: undefined,
      message:
        'L’annuaire de la commune ne vous donne plus accès à la charte d’accueil : votre rôle et vos services vous ont été retirés. Si c’est une erreur, adressez-vous au référent qualité.',
    });
    const account = await accountOf('marie.durand@ville-test.fr');
    expect(account.role.type).toBe('authenticated');
    const headed = await app.db.query('api::service.service').findMany({ where: { heads: { id: account.id } } });
    expect(headed).toEqual([]);
  });

  it('leaves alone a role an administrator gave by hand where no rule applies', async () => {
    const agent = await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'agent' } });
    const account = await accountOf('marie.durand@ville-test.fr');
    await app.db.query(USER).update({ where: { id: account.id }, data: { role: agent.id } });
    const outcome = await signIn('marie.durand');
    expect(outcome.status).toBe(200);
    expect((await sessionOf(outcome.jwt!)).role.type).toBe('agent');
  });

  it('signs in an account that no rule maps as a « Compte sans rôle », for an administrator to give it a role', async () => {
    const outcome = await signIn('luc.martin');
    expect(outcome.status).toBe(200);
    expect((await sessionOf(outcome.jwt!)).role.type).toBe('authenticated');
  });
});

describe('an account made before the directory was connected', () => {
  it('is linked by its address at the first directory sign-in, and its password login is then refused in French', async () => {
    const before = await http(app).post('/api/auth/local').send({ identifier: 'agent.accueil@demo.local', password: DEMO_PASSWORD });
    expect(before.status).toBe(200);
    const outcome = await signIn('julie.moreau');
    expect(outcome.status).toBe(200);
    const session = await sessionOf(outcome.jwt!);
    expect(session.user.email).toBe('agent.accueil@demo.local');
    expect(session.role.type).toBe('agent');
    expect(session.services.map((s) => s.slug)).toContain('accueil-etat-civil');
    const after = await http(app).post('/api/auth/local').send({ identifier: 'agent.accueil@demo.local', password: DEMO_PASSWORD });
    expect(after.status).toBe(403);
    expect(after.body.error.message).toBe(
      'Votre compte se connecte par l’annuaire de la commune : utilisez le bouton « Se connecter avec Annuaire de la ville » de la page de connexion.',
    );
    expect(after.body.jwt).toBeUndefined();
  });
});

describe('refusals, each told in French on the login page', () => {
  it('refuses an address outside the allowed domains, and creates no account', async () => {
    const outcome = await signIn('intrus');
    expect(outcome.status).toBe(403);
    expect(outcome.message).toBe(
      'L’adresse intrus@exemple.org n’appartient pas à un domaine autorisé à se connecter ici. Connectez-vous avec votre compte de la commune, ou adressez-vous au référent qualité.',
    );
    expect(await accountOf('intrus@exemple.org')).toBeNull();
  });

  it('refuses an ID token signed with a key the provider does not publish (forged)', async () => {
    directory.misbehave('foreign-key');
    const outcome = await signIn('marie.durand');
    expect(outcome).toMatchObject({ status: 401, message: 'Le jeton d’identité reçu n’est pas signé par le service de connexion déclaré : connexion refusée.' });
  });

  it('refuses an expired ID token', async () => {
    directory.misbehave('expired');
    const outcome = await signIn('marie.durand');
    expect(outcome).toMatchObject({
      status: 401,
      message: 'Le jeton d’identité reçu est expiré ou pas encore valable (horloge du serveur de connexion décalée ?) : connexion refusée.',
    });
  });

  it('refuses an ID token issued for another application (wrong audience)', async () => {
    directory.misbehave('other-audience');
    const outcome = await signIn('marie.durand');
    expect(outcome).toMatchObject({ status: 401, message: 'Le jeton d’identité reçu n’est pas destiné à la charte d’accueil (audience inattendue) : connexion refusée.' });
  });

  it('refuses a callback whose state is not the one sent', async () => {
    const jar = new CookieJar();
    const callback = new URL(await signInAtProvider(jar, appUrl, 'annuaire', 'marie.durand'));
    callback.searchParams.set('state', 'etat-fabrique-par-un-tiers');
    const outcome = await finishAt(jar, callback.href);
    expect(outcome).toMatchObject({
      status: 401,
      message: 'La réponse du service de connexion ne correspond pas à la demande envoyée (paramètre « state ») : connexion refusée. Recommencez depuis la page de connexion.',
    });
  });

  it('refuses a callback opened in another browser (no flow cookie): a code stolen from an address is useless', async () => {
    const callback = await signInAtProvider(new CookieJar(), appUrl, 'annuaire', 'marie.durand');
    const outcome = await finishAt(new CookieJar(), callback);
    expect(outcome).toMatchObject({ status: 401, message: 'La connexion a pris trop de temps ou a été ouverte dans un autre onglet. Recommencez depuis la page de connexion.' });
  });

  it('refuses a blocked account', async () => {
    expect((await signIn('luc.martin')).status).toBe(200);
    await app.db.query(USER).update({ where: { email: 'luc.martin@ville-test.fr' }, data: { blocked: true } });
    const outcome = await signIn('luc.martin');
    expect(outcome).toMatchObject({ status: 403, message: 'Votre compte est bloqué dans la charte d’accueil. Adressez-vous au référent qualité.' });
  });

  it('answers an unknown provider on the login page, not with an error page', async () => {
    const jar = new CookieJar();
    const res = await browse(jar, `${appUrl}/api/sso/inconnu/login`);
    expect(res.headers.get('location')).toBe('/connexion?sso=1');
    const outcome = await browse(jar, `${appUrl}/api/sso/session`, { method: 'POST' });
    expect(outcome.status).toBe(404);
    expect((await outcome.json()).error.message).toBe('Ce fournisseur de connexion n’est pas déclaré dans la charte d’accueil.');
  });

  it('counts failed callbacks per address like failed password logins, then refuses for a while', async () => {
    const limit = 20; // config/security.yaml, login.perAddress.failures
    for (let i = 0; i < limit; i++) await browse(new CookieJar(), `${appUrl}/api/sso/annuaire/callback?code=x&state=y`);
    const jar = new CookieJar();
    const res = await browse(jar, `${appUrl}/api/sso/annuaire/login`);
    expect(res.headers.get('location')).toBe('/connexion?sso=1');
    const outcome = await browse(jar, `${appUrl}/api/sso/session`, { method: 'POST' });
    expect(outcome.status).toBe(429);
    expect((await outcome.json()).error.message).toMatch(/^Trop de tentatives de connexion\. Réessayez dans \d+ minutes?\.$/);
  });
});

describe('logout', () => {
  it('sends the browser to the provider’s end of session with the ID token as hint, back to the login page', async () => {
    directory.people.get('marie.durand')!.groups = ['GG-Qualite'];
    const jar = new CookieJar();
    expect((await finishAt(jar, await signInAtProvider(jar, appUrl, 'annuaire', 'marie.durand'))).status).toBe(200);
    const res = await browse(jar, `${appUrl}/api/sso/annuaire/logout`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${directory.issuer}/session/end`);
    expect(to.searchParams.get('post_logout_redirect_uri')).toBe(`${appUrl}/connexion`);
    expect(to.searchParams.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    // The provider accepts it (a wrong hint or an unregistered address would be a 400 there).
    const atProvider = await browse(jar, to.href);
    expect(atProvider.status).toBe(200);
    expect(directory.logouts).toHaveLength(1);
  });
});

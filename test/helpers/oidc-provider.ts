import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID provider (panva's oidc-provider, the certified implementation), started in the
 * test's process on a free loopback port: the cms talks to it over HTTP exactly as to Entra ID or
 * Keycloak (discovery, authorization, token endpoint, published keys, end of session). Its
 * development login form (devInteractions) signs anyone in under the login typed, with any
 * password: the accounts are the `people` given, read again at each sign-in so that a test can
 * change someone's groups between two logins.
 *
 * `misbehave` makes it answer one token request as a broken or hostile provider would — an ID
 * token signed with a key it does not publish, expired, or issued for another application — re-signed
 * after oidc-provider made it, so that everything else in the exchange stays real.
 */
export interface DirectoryPerson {
  email?: string;
  given_name?: string;
  family_name?: string;
  groups: string[];
}

export type Misbehaviour = 'foreign-key' | 'expired' | 'other-audience';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  people: Map<string, DirectoryPerson>;
  /**
   * Registers the application (its callback and after-logout addresses) and opens the provider: the
   * application's address is known only once it listens, after it was given the issuer.
   */
  register(client: { redirectUris: string[]; postLogoutRedirectUris: string[] }): void;
  /** The next ID token issued is spoilt this way. */
  misbehave(kind: Misbehaviour): void;
  /** The RP-initiated logouts received (their query parameters). */
  logouts: URLSearchParams[];
  stop(): Promise<void>;
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

function sign(payload: Record<string, unknown>, key: crypto.KeyObject, kid: string): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = base64url(JSON.stringify(payload));
  const signature = crypto.sign('sha256', Buffer.from(`${header}.${body}`), key);
  return `${header}.${body}.${base64url(signature)}`;
}

export async function startOidcProvider(options: { people?: Record<string, DirectoryPerson> } = {}): Promise<TestProvider> {
  let handle: http.RequestListener | undefined;
  const server = http.createServer((req, res) => {
    if (handle) return handle(req, res);
    res.writeHead(503).end('Fournisseur pas encore ouvert');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'charte-accueil';
  const clientSecret = crypto.randomBytes(24).toString('hex');
  const people = new Map(Object.entries(options.people ?? {}));

  const signing = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'directory-key-1';
  const jwk = { ...(signing.privateKey.export({ format: 'jwk' }) as Record<string, unknown>), kid, alg: 'RS256', use: 'sig' };

  const logouts: URLSearchParams[] = [];
  let pending: Misbehaviour | undefined;

  const open = (client: { redirectUris: string[]; postLogoutRedirectUris: string[] }) => {
    const configuration: Configuration = {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: client.redirectUris,
          post_logout_redirect_uris: client.postLogoutRedirectUris,
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      jwks: { keys: [jwk as never] },
      cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
      pkce: { required: () => true },
      scopes: ['openid', 'profile', 'email', 'groups'],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name'], groups: ['groups'] },
      // Scope claims in the ID token itself, as Entra ID and Keycloak (with a groups mapper) send them.
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      async findAccount(_ctx, id) {
        const person = people.get(id);
        if (!person) return undefined;
        return { accountId: id, claims: async () => ({ sub: id, email_verified: true, ...people.get(id) }) };
      },
      // First-party application: no consent screen, the grant is made at sign-in.
      async loadExistingGrant(ctx: KoaContextWithOIDC) {
        const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
        grant.addOIDCScope('openid profile email groups');
        await grant.save();
        return grant;
      },
    };
    const provider = new Provider(issuer, configuration);
    provider.use(async (ctx, next) => {
      if (ctx.path === '/session/end' && ctx.method === 'GET') logouts.push(new URLSearchParams(ctx.querystring));
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (ctx.path !== '/token' || !pending || ctx.status !== 200 || !body?.id_token) return;
      const kind = pending;
      pending = undefined;
      const payload = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString('utf8'));
      const now = Math.floor(Date.now() / 1000);
      if (kind === 'foreign-key') body.id_token = sign(payload, foreign.privateKey, kid);
      if (kind === 'expired') body.id_token = sign({ ...payload, iat: now - 7200, exp: now - 3600 }, signing.privateKey, kid);
      if (kind === 'other-audience') body.id_token = sign({ ...payload, aud: 'une-autre-application', azp: undefined }, signing.privateKey, kid);
    });
    handle = provider.callback();
  };

  return {
    issuer,
    clientId,
    clientSecret,
    people,
    logouts,
    register: open,
    misbehave(kind) {
      pending = kind;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A browser's cookie jar, enough for two servers on 127.0.0.1 (like a browser, it ignores the port). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]).getTime() < Date.now()) || attributes.some((a) => /^\s*max-age=0\b/i.test(a));
      if (expired || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

/** One request as a browser makes it, without following redirects. */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set('Cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(response);
  return response;
}

const locationOf = (response: Response, from: string) => {
  const location = response.headers.get('location');
  if (!location) throw new Error(`Pas de redirection depuis ${from} (${response.status})`);
  return new URL(location, from).href;
};

/**
 * Through the provider's own pages as a person would: from the application's « Se connecter avec … »
 * to the provider's login form, typed in and sent, until the provider sends the browser back to the
 * application. Returns the callback address (code, state, iss), not yet opened.
 */
export async function signInAtProvider(jar: CookieJar, appUrl: string, providerId: string, login: string): Promise<string> {
  let url = `${appUrl}/api/sso/${providerId}/login`;
  let response = await browse(jar, url);
  url = locationOf(response, url);
  if (url.startsWith(appUrl)) return url; // refused before leaving (unknown provider, too many failures)
  for (let hop = 0; hop < 10; hop++) {
    response = await browse(jar, url);
    if (response.status === 200) {
      // The provider's login form.
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`Formulaire de connexion introuvable sur ${url}`);
      const form = new URLSearchParams({ prompt: 'login', login, password: 'mot-de-passe-de-l-annuaire' });
      const posted = new URL(action.replace(/&amp;/g, '&'), url).href;
      response = await browse(jar, posted, { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      url = locationOf(response, posted);
    } else {
      url = locationOf(response, url);
    }
    if (url.startsWith(appUrl)) return url;
  }
  throw new Error('Le fournisseur n’a pas renvoyé vers l’application.');
}

/**
 * A config/sso.yaml naming the test directory as the one provider « annuaire », written in a folder
 * of its own (to remove after the suite): `rules` are the YAML lines of its `rules:` list.
 */
export function writeSsoConfig(directory: TestProvider, options: { prefix: string; name: string; secretEnv: string; domains: string[]; rules: string[] }): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix));
  const file = path.join(dir, 'sso.yaml');
  fs.writeFileSync(
    file,
    [
      'passwordLoginForDirectoryAccounts: refused',
      'providers:',
      '  - id: annuaire',
      `    name: ${options.name}`,
      `    issuer: ${directory.issuer}`,
      `    clientId: ${directory.clientId}`,
      `    clientSecretEnv: ${options.secretEnv}`,
      '    scopes: [openid, profile, email, groups]',
      `    allowedEmailDomains: [${options.domains.join(', ')}]`,
      '    rules:',
      ...options.rules.map((rule) => `      - ${rule}`),
    ].join('\n'),
  );
  return { dir, file };
}

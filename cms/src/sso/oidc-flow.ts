import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import * as oidc from 'openid-client';
import type { RefusalStatus } from '../platform/http/http-error';
import { createThrottle, type Throttle } from '../security/login-throttle';
import { securityConfig, tokenLifetimeSeconds } from '../security/security-config';
import { ssoConfig, type SsoProviderConfig } from '../security/sso-config';
import { signInFromDirectory, SsoRefusal, type DirectoryIdentity } from './directory-accounts';

/**
 * OpenID Connect sign-in (authorization code flow with PKCE) with openid-client, which checks the
 * ID token's signature against the provider's published keys, its issuer, audience, expiry and
 * nonce, and the response's state. What the flow must remember between the redirect and the
 * callback (state, nonce, PKCE verifier) lives in a signed, httpOnly cookie of a few minutes, never
 * in the URL beyond the protocol's own parameters; the outcome (the users-permissions JWT, or the
 * French sentence of a refusal) is handed to the login page the same way, read once.
 */

const FLOW_COOKIE = 'charte_sso_flow';
const RESULT_COOKIE = 'charte_sso_result';
const LOGOUT_COOKIE = 'charte_sso_logout';
const COOKIE_PATH = '/api/sso';
const FLOW_MINUTES = 10;
const RESULT_SECONDS = 120;
/** Browsers keep cookies up to about 4 KB: a larger ID token is not kept for the logout hint. */
const MAX_HINT_LENGTH = 3000;
/** Where the login page reads the outcome (the query only says that there is one to read). */
export const LOGIN_PAGE = '/connexion?sso=1';

export const MESSAGES = {
  unknownProvider: 'Ce fournisseur de connexion n’est pas déclaré dans la charte d’accueil.',
  unreachable: (name: string) => `Le service de connexion « ${name} » ne répond pas. Réessayez dans quelques minutes ou connectez-vous avec votre mot de passe.`,
  noFlow: 'La connexion a pris trop de temps ou a été ouverte dans un autre onglet. Recommencez depuis la page de connexion.',
  wrongState: 'La réponse du service de connexion ne correspond pas à la demande envoyée (paramètre « state ») : connexion refusée. Recommencez depuis la page de connexion.',
  denied: (name: string) => `« ${name} » a refusé la connexion. Recommencez, ou adressez-vous au service informatique.`,
  signature: 'Le jeton d’identité reçu n’est pas signé par le service de connexion déclaré : connexion refusée.',
  expired: 'Le jeton d’identité reçu est expiré ou pas encore valable (horloge du serveur de connexion décalée ?) : connexion refusée.',
  audience: 'Le jeton d’identité reçu n’est pas destiné à la charte d’accueil (audience inattendue) : connexion refusée.',
  issuer: 'Le jeton d’identité reçu ne vient pas du service de connexion déclaré (émetteur inattendu) : connexion refusée.',
  nonce: 'Le jeton d’identité reçu ne correspond pas à cette connexion (nonce inattendu) : connexion refusée.',
  failed: (name: string) => `La connexion par « ${name} » a échoué. Recommencez depuis la page de connexion ; si cela se reproduit, prévenez le service informatique.`,
  noResult: 'Aucune connexion en cours : recommencez depuis la page de connexion.',
  tooMany: (minutes: number) => `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
};

/** A refused sign-in is told with the status of its kind: 401 not signed in, 403 account refused, 404, 429. */
type Outcome = { jwt: string; provider: string } | { error: string; status: RefusalStatus };

const configurations = new Map<string, Promise<oidc.Configuration>>();

function providerOf(id: string): SsoProviderConfig | undefined {
  return ssoConfig().providers.find((p) => p.id === id);
}

/** The provider's metadata and keys, discovered once per process (a failure is retried at the next sign-in). */
function configurationOf(provider: SsoProviderConfig): Promise<oidc.Configuration> {
  let found = configurations.get(provider.id);
  if (!found) {
    const insecure = new URL(provider.issuer).protocol === 'http:';
    found = oidc.discovery(new URL(provider.issuer), provider.clientId, process.env[provider.clientSecretEnv], undefined, {
      timeout: 10,
      // openid-client trusts an ID token from the token endpoint on TLS alone unless told otherwise
      // (OpenID Connect Core 3.1.3.7 allows it): its signature is checked against the published keys too.
      execute: [oidc.enableNonRepudiationChecks, ...(insecure ? [oidc.allowInsecureRequests] : [])],
    });
    found.catch(() => configurations.delete(provider.id));
    configurations.set(provider.id, found);
  }
  return found;
}

/** Forgotten at each boot: a test may start the next instance against another provider on the same issuer name. */
export function forgetDiscoveries(): void {
  configurations.clear();
}

/** The address the provider sends the browser back to: PUBLIC_URL when set (it must match the registration), else this request's origin. */
function callbackUrl(strapi: Core.Strapi, ctx: Context, provider: SsoProviderConfig): string {
  const base = (strapi.config.get('server.url') as string | undefined) || ctx.origin;
  return `${base.replace(/\/$/, '')}/api/sso/${provider.id}/callback`;
}

function appUrl(strapi: Core.Strapi, ctx: Context, page: string): string {
  const base = (strapi.config.get('server.url') as string | undefined) || ctx.origin;
  return `${base.replace(/\/$/, '')}${page}`;
}

const cookieOptions = (ctx: Context, seconds: number) => ({
  signed: true,
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: ctx.secure,
  path: COOKIE_PATH,
  maxAge: seconds * 1000,
  overwrite: true,
});

function writeCookie(ctx: Context, name: string, value: unknown, seconds: number) {
  ctx.cookies.set(name, Buffer.from(JSON.stringify(value)).toString('base64url'), cookieOptions(ctx, seconds));
}

/** The value of a cookie this server signed, or undefined (absent, altered, expired, unreadable). */
function readCookie<T>(ctx: Context, name: string): T | undefined {
  const raw = ctx.cookies.get(name, { signed: true });
  if (!raw) return undefined;
  try {
    return JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

function clearCookie(ctx: Context, name: string) {
  ctx.cookies.set(name, null, { ...cookieOptions(ctx, 0), maxAge: undefined, expires: new Date(0) });
}

function finish(ctx: Context, outcome: Outcome) {
  writeCookie(ctx, RESULT_COOKIE, outcome, RESULT_SECONDS);
  ctx.status = 302;
  ctx.redirect(LOGIN_PAGE);
}

/** The French sentence for what openid-client (oauth4webapi) refused, by its error code and message. */
function explain(error: unknown, provider: SsoProviderConfig): { message: string; status: RefusalStatus } {
  const e = error as { code?: string; message?: string; cause?: { message?: string } };
  // openid-client words its errors generically; the precise one (which claim) is its cause's.
  const message = `${e.message ?? ''} ${e.cause?.message ?? ''}`;
  if (error instanceof oidc.AuthorizationResponseError) return { message: MESSAGES.denied(provider.name), status: 403 };
  if (e.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return { message: MESSAGES.expired, status: 401 };
  if (e.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
    if (/"aud"/.test(message) || /"azp"/.test(message)) return { message: MESSAGES.audience, status: 401 };
    if (/"iss"/.test(message)) return { message: MESSAGES.issuer, status: 401 };
    if (/"nonce"/.test(message)) return { message: MESSAGES.nonce, status: 401 };
  }
  if (/signature verification failed/.test(message) || e.code === 'OAUTH_KEY_SELECTION_FAILED') return { message: MESSAGES.signature, status: 401 };
  if (/"state"/.test(message)) return { message: MESSAGES.wrongState, status: 401 };
  if (e.code === 'OAUTH_INVALID_RESPONSE' && /"iss"/.test(message)) return { message: MESSAGES.issuer, status: 401 };
  return { message: MESSAGES.failed(provider.name), status: 401 };
}

function claimText(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function createSsoFlow(strapi: Core.Strapi) {
  let throttle: Throttle | undefined;
  // Failed callbacks count per address like failed password logins (same limits, config/security.yaml).
  const failures = () => (throttle ??= createThrottle(strapi, { keyPrefix: 'sso-address', ...securityConfig().login.perAddress }));

  async function refusedForTooMany(ctx: Context): Promise<boolean> {
    const wait = await failures().blockedFor(ctx.request.ip);
    if (!wait) return false;
    ctx.set('Retry-After', String(wait));
    finish(ctx, { error: MESSAGES.tooMany(Math.ceil(wait / 60)), status: 429 });
    return true;
  }

  async function fail(ctx: Context, outcome: { error: string; status: RefusalStatus }) {
    await failures().recordFailure(ctx.request.ip);
    finish(ctx, outcome);
  }

  return {
    /** GET /api/sso/providers: the buttons of the login page. */
    providers() {
      return ssoConfig().providers.map((p) => ({ id: p.id, name: p.name }));
    },

    /** GET /api/sso/:provider/login: off to the provider's login page. */
    async start(ctx: Context, id: string) {
      const provider = providerOf(id);
      if (!provider) return finish(ctx, { error: MESSAGES.unknownProvider, status: 404 });
      if (await refusedForTooMany(ctx)) return;
      let configuration: oidc.Configuration;
      try {
        configuration = await configurationOf(provider);
      } catch (error) {
        strapi.log.warn(`Connexion « ${provider.id} » : découverte de ${provider.issuer} impossible : ${(error as Error).message}`);
        return finish(ctx, { error: MESSAGES.unreachable(provider.name), status: 401 });
      }
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      writeCookie(ctx, FLOW_COOKIE, { provider: provider.id, state, nonce, verifier }, FLOW_MINUTES * 60);
      const url = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: callbackUrl(strapi, ctx, provider),
        scope: provider.scopes.join(' '),
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      ctx.status = 302;
      ctx.redirect(url.href);
    },

    /** GET /api/sso/:provider/callback: the provider's answer, checked, then the account signed in. */
    async callback(ctx: Context, id: string) {
      const provider = providerOf(id);
      if (!provider) return finish(ctx, { error: MESSAGES.unknownProvider, status: 404 });
      if (await refusedForTooMany(ctx)) return;
      const flow = readCookie<{ provider: string; state: string; nonce: string; verifier: string }>(ctx, FLOW_COOKIE);
      clearCookie(ctx, FLOW_COOKIE);
      if (!flow || flow.provider !== provider.id) return fail(ctx, { error: MESSAGES.noFlow, status: 401 });
      const params = new URLSearchParams(ctx.querystring);
      // A provider's refusal (access_denied…) carries the same state: it is told as a refusal, not as tampering.
      if (params.get('state') !== flow.state && !params.has('error')) return fail(ctx, { error: MESSAGES.wrongState, status: 401 });
      let configuration: oidc.Configuration;
      try {
        configuration = await configurationOf(provider);
      } catch (error) {
        strapi.log.warn(`Connexion « ${provider.id} » : découverte de ${provider.issuer} impossible : ${(error as Error).message}`);
        return finish(ctx, { error: MESSAGES.unreachable(provider.name), status: 401 });
      }
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        const current = new URL(callbackUrl(strapi, ctx, provider));
        current.search = ctx.querystring;
        tokens = await oidc.authorizationCodeGrant(configuration, current, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        const { message, status } = explain(error, provider);
        const cause = (error as { cause?: { message?: string } }).cause?.message;
        strapi.log.warn(`Connexion « ${provider.id} » refusée : ${(error as Error).message}${cause ? ` (${cause})` : ''}`);
        return fail(ctx, { error: message, status });
      }
      const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      const groups = claims[provider.claims.groups];
      const identity: DirectoryIdentity = {
        subject: String(claims.sub),
        email: claimText(claims, provider.claims.email),
        firstname: claimText(claims, provider.claims.firstname),
        lastname: claimText(claims, provider.claims.lastname),
        groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
      };
      try {
        const { userId } = await signInFromDirectory(strapi, provider, identity);
        const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: userId }) as string;
        const idToken = tokens.id_token;
        writeCookie(ctx, LOGOUT_COOKIE, { provider: provider.id, idToken: idToken && idToken.length <= MAX_HINT_LENGTH ? idToken : undefined }, tokenLifetimeSeconds());
        finish(ctx, { jwt, provider: provider.id });
      } catch (error) {
        if (!(error instanceof SsoRefusal)) throw error;
        return finish(ctx, { error: error.message, status: 403 });
      }
    },

    /** POST /api/sso/session: the outcome for the login page, read once. */
    session(ctx: Context): Outcome {
      const outcome = readCookie<Outcome>(ctx, RESULT_COOKIE);
      clearCookie(ctx, RESULT_COOKIE);
      return outcome ?? { error: MESSAGES.noResult, status: 401 };
    },

    /** GET /api/sso/:provider/logout: RP-initiated logout at the provider when it offers one, else back to the login page. */
    async logout(ctx: Context, id: string) {
      const provider = providerOf(id);
      const kept = readCookie<{ provider: string; idToken?: string }>(ctx, LOGOUT_COOKIE);
      clearCookie(ctx, LOGOUT_COOKIE);
      const back = appUrl(strapi, ctx, '/connexion');
      ctx.status = 302;
      if (!provider) return ctx.redirect(back);
      try {
        const configuration = await configurationOf(provider);
        if (!configuration.serverMetadata().end_session_endpoint) return ctx.redirect(back);
        const hint = kept?.provider === provider.id ? kept.idToken : undefined;
        // client_id is always sent (openid-client adds it): enough for Keycloak and oidc-provider when the hint is too large to keep.
        const url = oidc.buildEndSessionUrl(configuration, { post_logout_redirect_uri: back, ...(hint ? { id_token_hint: hint } : {}) });
        ctx.redirect(url.href);
      } catch {
        // The provider is down: the session here is already closed by the front.
        ctx.redirect(back);
      }
    },
  };
}

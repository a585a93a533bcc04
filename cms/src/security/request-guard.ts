import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { checkFileType } from './file-signature';
import { createThrottle, type Throttle } from './login-throttle';
import { passwordProblem } from './password-policy';
import { securityConfig, uploadSizeLimitBytes } from './security-config';
import { ssoConfig } from './sso-config';
import { requestBody } from '../platform/http/request';

const USER = 'plugin::users-permissions.user';
export const LOGIN_FAILED = 'Identifiant ou mot de passe incorrect.';
export const FORGOT_PASSWORD_SENT =
  'Si un compte correspond à cette adresse, un e-mail contenant un lien de réinitialisation vient de lui être envoyé.';
/** bcrypt hash of a random string nobody knows: an unknown account costs the same time as a known one. */
const DUMMY_HASH = '$2a$10$RWTawoO5Dl.C1rt/NZhMUusZGtf709GSU4OXbN/gh.6pAG6WH4LIe';

/** The admin panel's doors that set an administrator's password (they bypass the Document Service). */
const ADMIN_PASSWORD_DOORS: { method: string; path: RegExp }[] = [
  { method: 'POST', path: /^\/admin\/users\/?$/ },
  { method: 'PUT', path: /^\/admin\/users\/[^/]+\/?$/ },
  { method: 'PUT', path: /^\/admin\/users\/me\/?$/ },
  { method: 'POST', path: /^\/admin\/(register|register-admin|reset-password)\/?$/ },
];
/** A directory account's password login, when config/sso.yaml turns it off (told only once the password is right). */
export const directoryAccountOnly = (providerName: string) =>
  `Votre compte se connecte par l’annuaire de la commune : utilisez le bouton « Se connecter avec ${providerName} » de la page de connexion.`;
const UPLOAD_PATHS = /^\/(api\/)?upload\/?$/;

/**
 * A final answer, already in French: serialised here so that the generic translation of error
 * bodies (french-errors.ts, which guesses the language from accents) never rewrites it.
 */
function reply(ctx: Context, status: number, name: string, message: string) {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ data: null, error: { status, name, message, details: {} } });
}

function tooManyAttempts(ctx: Context, seconds: number, what: string) {
  const minutes = Math.ceil(seconds / 60);
  ctx.set('Retry-After', String(seconds));
  reply(ctx, 429, 'RateLimitError', `Trop de ${what}. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`);
}

const bodyOf = (ctx: Context) => (requestBody(ctx) ?? {}) as Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Strapi's application errors (validation, forbidden…) get their 4xx status only later, from strapi::errors. */
const isClientError = (error: unknown) => {
  if (error instanceof errors.ApplicationError) return true;
  const status = (error as { status?: number }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
};

/**
 * The doors where accounts are attacked: login (content API and admin panel), forgotten and reset
 * password, passwords set on admin accounts, and file uploads. Placed after strapi::body (it reads
 * the parsed body and files) and before routing, so it sees the request whatever route serves it.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const { login, passwordReset } = securityConfig();
  let throttles: Record<'account' | 'address' | 'adminAccount' | 'adminAddress' | 'reset', Throttle> | undefined;
  const throttle = () =>
    (throttles ??= {
      account: createThrottle(strapi, { keyPrefix: 'login-account', ...login.perAccount }),
      address: createThrottle(strapi, { keyPrefix: 'login-address', ...login.perAddress }),
      adminAccount: createThrottle(strapi, { keyPrefix: 'admin-login-account', ...login.perAccount }),
      adminAddress: createThrottle(strapi, { keyPrefix: 'admin-login-address', ...login.perAddress }),
      reset: createThrottle(strapi, { keyPrefix: 'password-reset-address', failures: passwordReset.perAddress.requests, windowMinutes: passwordReset.perAddress.windowMinutes }),
    });

  async function guardLogin(ctx: Context, next: Next) {
    const body = bodyOf(ctx);
    const identifier = text(body.identifier).trim();
    const password = text(body.password);
    if (!identifier || !password) return reply(ctx, 400, 'ValidationError', 'Identifiant et mot de passe obligatoires.');
    const { account, address } = throttle();
    const accountKey = identifier.toLowerCase();
    const wait = Math.max(await account.blockedFor(accountKey), await address.blockedFor(ctx.request.ip));
    if (wait) return tooManyAttempts(ctx, wait, 'tentatives de connexion');
    const failed = async () => {
      await account.recordFailure(accountKey);
      await address.recordFailure(ctx.request.ip);
      reply(ctx, 400, 'ValidationError', LOGIN_FAILED);
    };
    // Same lookup as users-permissions; an unknown account still pays for one bcrypt comparison.
    const known = await strapi.db.query(USER).findOne({
      where: { provider: 'local', $or: [{ email: identifier.toLowerCase() }, { username: identifier }] },
      select: ['id', 'ssoProvider'],
    });
    if (!known) {
      await strapi.plugin('users-permissions').service('user').validatePassword(password, DUMMY_HASH);
      return failed();
    }
    try {
      await next();
    } catch (error) {
      // Wrong password, blocked or unconfirmed account: one answer, so nobody learns which.
      if (isClientError(error)) return failed();
      throw error;
    }
    if (ctx.status === 200) {
      await account.forget(accountKey);
      const sso = ssoConfig();
      if (known.ssoProvider && sso.passwordLoginForDirectoryAccounts === 'refused') {
        const provider = sso.providers.find((p) => p.id === known.ssoProvider);
        return reply(ctx, 403, 'ForbiddenError', directoryAccountOnly(provider?.name ?? known.ssoProvider));
      }
    } else if (ctx.status >= 400 && ctx.status < 500) await failed();
  }

  async function guardAdminLogin(ctx: Context, next: Next) {
    const { adminAccount, adminAddress } = throttle();
    const accountKey = text(bodyOf(ctx).email).trim().toLowerCase();
    const wait = Math.max(accountKey ? await adminAccount.blockedFor(accountKey) : 0, await adminAddress.blockedFor(ctx.request.ip));
    if (wait) return tooManyAttempts(ctx, wait, 'tentatives de connexion');
    const failed = async () => {
      if (accountKey) await adminAccount.recordFailure(accountKey);
      await adminAddress.recordFailure(ctx.request.ip);
    };
    try {
      await next();
    } catch (error) {
      if (isClientError(error) && !(error instanceof errors.RateLimitError)) await failed();
      throw error;
    }
    if (ctx.status === 200 && accountKey) await adminAccount.forget(accountKey);
    else if (ctx.status >= 400 && ctx.status < 500 && ctx.status !== 429) await failed();
  }

  async function guardForgotPassword(ctx: Context, next: Next) {
    const started = Date.now();
    const { reset } = throttle();
    const wait = await reset.blockedFor(ctx.request.ip);
    if (wait) return tooManyAttempts(ctx, wait, 'demandes de réinitialisation');
    await reset.recordFailure(ctx.request.ip);
    const email = text(bodyOf(ctx).email).trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return reply(ctx, 400, 'ValidationError', 'Adresse e-mail invalide.');
    try {
      await next();
    } catch (error) {
      // Whatever happened (unknown address, mail server down), the answer must not tell.
      strapi.log.warn(`Mot de passe oublié : ${(error as Error).message}`);
    }
    await sleep(Math.max(0, passwordReset.minimumResponseMilliseconds - (Date.now() - started)));
    ctx.status = 200;
    ctx.body = { ok: true, message: FORGOT_PASSWORD_SENT };
  }

  async function guardResetPassword(ctx: Context, next: Next) {
    const { reset } = throttle();
    const wait = await reset.blockedFor(ctx.request.ip);
    if (wait) return tooManyAttempts(ctx, wait, 'demandes de réinitialisation');
    const body = bodyOf(ctx);
    if (text(body.password) !== text(body.passwordConfirmation)) return reply(ctx, 400, 'ValidationError', 'Les deux mots de passe saisis sont différents.');
    try {
      await next();
    } catch (error) {
      if (!isClientError(error)) throw error;
      const message = (error as Error).message;
      if (message === 'Incorrect code provided') {
        // Guessing codes counts like guessing passwords.
        await reset.recordFailure(ctx.request.ip);
        return reply(ctx, 400, 'ValidationError', 'Lien de réinitialisation invalide ou déjà utilisé : demandez-en un nouveau.');
      }
      throw error;
    }
  }

  async function guardChangePassword(ctx: Context, next: Next) {
    const body = bodyOf(ctx);
    if (text(body.password) !== text(body.passwordConfirmation)) return reply(ctx, 400, 'ValidationError', 'Les deux mots de passe saisis sont différents.');
    try {
      await next();
    } catch (error) {
      const message = (error as Error).message;
      if (message === 'The provided current password is invalid') return reply(ctx, 400, 'ValidationError', 'Le mot de passe actuel est incorrect.');
      if (message === 'Your new password must be different than your current password') {
        return reply(ctx, 400, 'ValidationError', 'Le nouveau mot de passe doit être différent de l’actuel.');
      }
      throw error;
    }
  }

  async function guardAdminPassword(ctx: Context, next: Next) {
    const body = bodyOf(ctx);
    const password = body.password ?? body.newPassword;
    if (typeof password === 'string' && password.length > 0) {
      const userInfo = (body.userInfo ?? {}) as Record<string, unknown>;
      const personal = [body.email, body.firstname, body.lastname, userInfo.email, userInfo.firstname, userInfo.lastname].map(text);
      const id = /^\/admin\/users\/(\d+)\/?$/.exec(ctx.path)?.[1];
      if (id) {
        const admin = await strapi.db.query('admin::user').findOne({ where: { id: Number(id) }, select: ['email', 'firstname', 'lastname'] });
        personal.push(text(admin?.email), text(admin?.firstname), text(admin?.lastname));
      }
      const problem = passwordProblem(password, personal);
      if (problem) return reply(ctx, 400, 'ValidationError', problem);
    }
    return next();
  }

  async function guardUpload(ctx: Context, next: Next) {
    const files = Object.values((ctx.request as unknown as { files?: Record<string, unknown> }).files ?? {}).flat() as {
      originalFilename?: string | null;
      size: number;
      filepath: string;
    }[];
    const limit = uploadSizeLimitBytes();
    const { allowedTypes, maxSizeMegabytes } = securityConfig().uploads;
    for (const file of files) {
      const name = file.originalFilename ?? 'fichier';
      if (file.size > limit) {
        const size = (file.size / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
        return reply(ctx, 413, 'PayloadTooLargeError', `Fichier trop volumineux : « ${name} » fait ${size} Mo, la limite est de ${maxSizeMegabytes} Mo.`);
      }
      const verdict = await checkFileType({ name, filepath: file.filepath }, allowedTypes);
      if (!verdict.ok) return reply(ctx, 415, 'UnsupportedMediaTypeError', `Fichier refusé : ${verdict.reason}.`);
    }
    try {
      await next();
    } catch (error) {
      // Strapi's own checks (same limits, in plugins.ts) answer in English: say it in French.
      if ((error as { name?: string }).name === 'PayloadTooLargeError') {
        return reply(ctx, 413, 'PayloadTooLargeError', `Fichier trop volumineux : la limite est de ${maxSizeMegabytes} Mo.`);
      }
      throw error;
    }
  }

  return async (ctx: Context, next: Next) => {
    const { method, path } = ctx;
    if (method === 'POST' && path === '/api/auth/local') return guardLogin(ctx, next);
    if (method === 'POST' && path === '/admin/login') return guardAdminLogin(ctx, next);
    if (method === 'POST' && path === '/api/auth/forgot-password') return guardForgotPassword(ctx, next);
    if (method === 'POST' && path === '/api/auth/reset-password') return guardResetPassword(ctx, next);
    if (method === 'POST' && path === '/api/auth/change-password') return guardChangePassword(ctx, next);
    if (method === 'POST' && UPLOAD_PATHS.test(path)) return guardUpload(ctx, next);
    if (ADMIN_PASSWORD_DOORS.some((door) => door.method === method && door.path.test(path))) return guardAdminPassword(ctx, next);
    return next();
  };
};

import { createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { createRateLimiter, type RateLimiter } from '../security/rate-limit';
import { publicFormLimits } from './config';

/**
 * Hidden field of the public forms: invisible and out of the tab order for people, but filled by
 * most form-spamming robots. Front forms render it empty; the guard removes it from the body.
 */
export const HONEYPOT_FIELD = 'siteWeb';

export interface PublicIntakeOptions {
  /** Name of the form, part of the rate-limit key (e.g. 'survey-response', 'complaint'). */
  name: string;
  maxBodyBytes: number;
  perAddress: { points: number; durationSeconds: number };
}

interface IntakeState {
  publicIntake?: { honeypot: boolean };
}

/**
 * True when the request filled the honeypot: the controller must answer exactly as for a real
 * submission and store nothing, so the robot learns nothing.
 */
export function honeypotFilled(ctx: Context): boolean {
  return (ctx.state as IntakeState).publicIntake?.honeypot === true;
}

function refuse(ctx: Context, status: number, name: string, message: string): void {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
}

function bodySize(body: unknown): number {
  if (body === undefined || body === null) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  try {
    return Buffer.byteLength(JSON.stringify(body));
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function filled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}

/**
 * The counter key holds a keyed hash of the address, not the address: the public forms are
 * anonymous, and the counters table should not become a log of who posted. The key is the app's
 * first APP_KEYS entry, the same on every instance, so counters stay shared.
 */
function addressKey(strapi: Core.Strapi, form: string, address: string): string {
  const keys = strapi.config.get('server.app.keys') as string[] | undefined;
  const digest = createHmac('sha256', keys?.[0] ?? 'charte-accueil').update(address).digest('hex').slice(0, 32);
  return `${form}:${digest}`;
}

/** Global Strapi, available once the app is loaded (route middlewares are built before that). */
function currentStrapi(): Core.Strapi {
  return (globalThis as unknown as { strapi: Core.Strapi }).strapi;
}

/**
 * Route middleware for anonymous POST routes (survey answers, complaints). In this order:
 * - 415 when the body is not JSON (no multipart: nothing gets written to disk for a public form);
 * - 413 when the body is larger than `maxBodyBytes` — declared Content-Length first, then the size
 *   of what the body parser read, since chunked requests carry no length (the global parser
 *   already stops anything above 1 MB);
 * - 429 with Retry-After when one client address posted `perAddress.points` times within
 *   `perAddress.durationSeconds`. The address is ctx.request.ip: behind a reverse proxy, Strapi
 *   must trust its X-Forwarded-For (cms/config/server.ts `proxy: { koa: true }`), otherwise every
 *   citizen shares the proxy's address and one counter. Counters are in PostgreSQL, shared by
 *   every cms instance, keyed by a hash of the address (see addressKey);
 * - honeypot: when HONEYPOT_FIELD (top level or inside `data`) is filled, ctx.state says so (see
 *   honeypotFilled) and the field is removed from the body either way. Honeypot posts count
 *   against the address's limit like any other.
 */
export function publicIntake(options: PublicIntakeOptions) {
  const limiters = new WeakMap<Core.Strapi, RateLimiter>();
  const limiterOf = (strapi: Core.Strapi): RateLimiter => {
    let limiter = limiters.get(strapi);
    if (!limiter) {
      limiter = createRateLimiter(strapi, {
        keyPrefix: 'public-intake',
        points: options.perAddress.points,
        durationSeconds: options.perAddress.durationSeconds,
      });
      limiters.set(strapi, limiter);
    }
    return limiter;
  };

  return async (ctx: Context, next: Next) => {
    const request = ctx.request as unknown as { body?: unknown; files?: unknown };
    const declaredLength = Number(ctx.get('content-length') || 0);
    if (declaredLength > options.maxBodyBytes || bodySize(request.body) > options.maxBodyBytes) {
      const kilobytes = Math.floor(options.maxBodyBytes / 1024);
      return refuse(ctx, 413, 'PayloadTooLargeError', `Le formulaire envoyé est trop volumineux (au plus ${kilobytes} Ko). Raccourcissez vos réponses puis envoyez-le à nouveau.`);
    }
    if (request.files || (ctx.request.type && !ctx.is('json'))) {
      return refuse(ctx, 415, 'UnsupportedMediaTypeError', 'Le formulaire doit être envoyé au format JSON.');
    }

    const strapi = currentStrapi();
    const { allowed, retryAfterSeconds } = await limiterOf(strapi).consume(addressKey(strapi, options.name, ctx.request.ip));
    if (!allowed) {
      const minutes = Math.ceil(retryAfterSeconds / 60);
      ctx.set('Retry-After', String(retryAfterSeconds));
      return refuse(ctx, 429, 'TooManyRequestsError', `Trop d’envois depuis votre connexion en peu de temps. Merci de réessayer dans ${minutes} minute${minutes > 1 ? 's' : ''}.`);
    }

    // The field may sit at the top of the body or inside Strapi's usual `data` envelope.
    let honeypot = false;
    for (const holder of [request.body, (request.body as { data?: unknown } | undefined)?.data]) {
      if (!holder || typeof holder !== 'object' || Array.isArray(holder)) continue;
      const fields = holder as Record<string, unknown>;
      honeypot ||= filled(fields[HONEYPOT_FIELD]);
      delete fields[HONEYPOT_FIELD];
    }
    (ctx.state as IntakeState).publicIntake = { honeypot };
    await next();
  };
}

/** The guard with the limits of config/public-forms.yaml `forms.<name>`. */
export function publicIntakeFor(name: string) {
  return publicIntake({ name, ...publicFormLimits(name) });
}

import type { Context, Next } from 'koa';
import { unsafeTextReason } from '../platform/input/text-safety';
import { requestBody } from '../platform/http/request';

/** Deeper than any form or filter of the app: beyond, a body is an attack on the recursive code below. */
export const MAX_DEPTH = 32;
/** Keys that, merged into an object, would change every object of the process (prototype pollution). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Problem = string | null;

/**
 * The sign-in routes of users-permissions ignore unknown keys: here they are refused like anywhere
 * else, so that a mistyped or smuggled field never passes silently.
 */
const KNOWN_KEYS: Record<string, string[]> = {
  '/api/auth/local': ['identifier', 'password'],
  '/api/auth/forgot-password': ['email'],
  '/api/auth/reset-password': ['code', 'password', 'passwordConfirmation'],
  '/api/auth/change-password': ['currentPassword', 'password', 'passwordConfirmation'],
};

function unknownKey(path: string, body: unknown): Problem {
  const known = KNOWN_KEYS[path];
  if (!known || !body || typeof body !== 'object' || Array.isArray(body)) return null;
  const extra = Object.keys(body).find((k) => !known.includes(k));
  return extra === undefined ? null : `Champ inconnu : « ${extra.slice(0, 60)} ».`;
}

/** The first thing in a parsed body that the app must not go on with, in French, or null. */
function inspect(value: unknown, depth: number): Problem {
  if (depth > MAX_DEPTH) return `Données trop imbriquées : ${MAX_DEPTH} niveaux au maximum.`;
  if (typeof value === 'string') return unsafeTextReason(value);
  if (!value || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = inspect(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `Nom de champ interdit : « ${key} ».`;
    const problem = unsafeTextReason(key) ?? inspect((value as Record<string, unknown>)[key], depth + 1);
    if (problem) return problem;
  }
  return null;
}

/**
 * Refuses, with a French 400 before any controller runs, a body or an address that is too deeply
 * nested, names a prototype key, or holds text PostgreSQL cannot store (NUL, lone UTF-16 halves).
 */
export default () => async (ctx: Context, next: Next) => {
  const body = requestBody(ctx);
  let problem = inspect(body, 0) ?? inspect(ctx.query, 0) ?? (ctx.method === 'POST' ? unknownKey(ctx.path, body) : null);
  // eslint-disable-next-line no-control-regex -- the NUL character is exactly what is refused
  if (!problem && /%00|\u0000/i.test(ctx.url)) problem = unsafeTextReason('\u0000');
  if (problem) {
    ctx.status = 400;
    ctx.body = { data: null, error: { status: 400, name: 'ValidationError', message: problem, details: {} } };
    return;
  }
  await next();
};

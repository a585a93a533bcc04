import type { Core } from '@strapi/strapi';

/** A small time-limited memo; values are promises so that concurrent misses share one query. */
class Memo<K, V> {
  private readonly entries = new Map<K, { until: number; value: Promise<V> }>();
  constructor(private readonly ttlMs: number, private readonly maxSize = 10_000) {}

  get(key: K, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (this.entries.size >= this.maxSize) this.entries.clear();
    const value = load();
    this.entries.set(key, { until: now + this.ttlMs, value });
    // A failed load is not remembered.
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

const ttlMs = () => 1000 * Number(process.env.AUTH_CACHE_SECONDS ?? 10);
const memos: Memo<unknown, unknown>[] = [];
function memo<K, V>(): Memo<K, V> {
  const created = new Memo<K, V>(ttlMs());
  memos.push(created as Memo<unknown, unknown>);
  return created;
}

/** Service memberships by user id (see service-membership.ts); cleared when a service changes. */
export const membershipMemo = memo<number, { serviceIds: number[]; headOf: number[] }>();

/** Forget everything on this instance (a user, role, permission, token or service changed). */
export function clearAuthCache(): void {
  for (const m of memos) m.clear();
}

type Loader<A extends unknown[], R> = (...args: A) => Promise<R>;
function wrap<A extends [unknown], R>(target: Record<string, unknown>, method: string, cache: Memo<unknown, R>, copy: (value: R) => R) {
  const original = (target[method] as Loader<A, R>).bind(target);
  target[method] = (...args: A) => cache.get(args[0], () => original(...args)).then(copy);
}

/**
 * Every authenticated API request reads the same rows again before any work: "is this bearer an
 * API token?", the user and its role, the role's permissions (seven queries, most of a small
 * request's time). They are remembered AUTH_CACHE_SECONDS (10 s; 0 turns this off) and forgotten
 * at once on this instance when users, roles, permissions, API tokens or services change — other
 * instances see such a change within that delay (e.g. a blocked account).
 */
export function installAuthCache(strapi: Core.Strapi): void {
  if (ttlMs() <= 0) return;
  const clone = <T>(value: T): T => (value === null || value === undefined ? value : structuredClone(value));
  const users = strapi.plugin('users-permissions').service('user') as unknown as Record<string, unknown>;
  wrap(users, 'fetchAuthenticatedUser', memo(), clone);
  const permissions = strapi.plugin('users-permissions').service('permission') as unknown as Record<string, unknown>;
  wrap(permissions, 'findRolePermissions', memo(), clone);
  const publicPermissions = memo<string, unknown>();
  const findPublic = (permissions.findPublicPermissions as () => Promise<unknown>).bind(permissions);
  permissions.findPublicPermissions = () => publicPermissions.get('public', findPublic).then(clone);
  // A JWT is never an API token: remember which bearers are not tokens; a real token is always
  // looked up afresh (revocation, expiry and last use stay exact).
  const tokens = strapi.service('admin::api-token-content-api') as unknown as Record<string, unknown> | undefined;
  if (typeof tokens?.getByAccessKey === 'function') {
    const notATokenMemo = memo<unknown, boolean>();
    const lookup = (tokens.getByAccessKey as (key: unknown) => Promise<unknown>).bind(tokens);
    tokens.getByAccessKey = async (key: unknown) => ((await notATokenMemo.get(key, async () => (await lookup(key)) == null)) ? null : lookup(key));
  }
  strapi.db.lifecycles.subscribe({
    models: [
      'plugin::users-permissions.user',
      'plugin::users-permissions.role',
      'plugin::users-permissions.permission',
      'admin::api-token',
      'api::service.service',
    ],
    afterCreate: clearAuthCache,
    afterCreateMany: clearAuthCache,
    afterUpdate: clearAuthCache,
    afterUpdateMany: clearAuthCache,
    afterDelete: clearAuthCache,
    afterDeleteMany: clearAuthCache,
  });
}

import type { Core } from '@strapi/strapi';

/** A small time-limited memo; values are promises so that concurrent misses share one query. */
class Memo<K, V> {
  private readonly entries = new Map<K, { until: number; value: Promise<V> }>();
  constructor(private readonly ttlMs: number, private readonly maxSize = 10_000) {}

  /** `expiresAt` may shorten an entry's life once its value is known (a token that expires sooner). */
  get(key: K, load: () => PromiseLike<V>, expiresAt?: (value: V) => number | undefined): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (this.entries.size >= this.maxSize) this.entries.clear();
    // A knex builder is a thenable that runs its query again at each then(): keep one real promise.
    const value = Promise.resolve(load());
    const entry = { until: now + this.ttlMs, value };
    this.entries.set(key, entry);
    value.then(
      (loaded) => {
        const end = expiresAt?.(loaded);
        if (end !== undefined && end < entry.until) entry.until = end;
      },
      // A failed load is not remembered.
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

const ttlMs = () => 1000 * Number(process.env.AUTH_CACHE_SECONDS ?? 10);
const memos: Memo<unknown, unknown>[] = [];
/** A memo of AUTH_CACHE_SECONDS, forgotten with the others by clearAuthCache (users, roles, services changed). */
export function memo<K, V>(): Memo<K, V> {
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

/**
 * A caller may change what it was given (Strapi assigns to ctx.state.user): each gets its own copy
 * of the object or array and of the objects directly in it — a user and its role, a list of
 * permissions — without paying for structuredClone on every request.
 */
function copyRecord<T>(value: T): T {
  const copyLevel = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== 'object' || v instanceof Date) return v;
    if (Array.isArray(v)) return depth ? v.map((item) => copyLevel(item, depth - 1)) : [...v];
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) out[k] = depth ? copyLevel(item, depth - 1) : item;
    return out;
  };
  return copyLevel(value, 1) as T;
}

/**
 * jsonwebtoken rebuilds a key object from the secret on every verification (a failed PEM parse
 * first): a fifth of a small request's CPU. A token verified once is a fact until it expires —
 * remembered at most AUTH_CACHE_SECONDS and never beyond its own `exp`; a refused token is not
 * remembered. The user behind it is still looked up (and checked blocked) by the strategy.
 */
function rememberVerifiedTokens(strapi: Core.Strapi): void {
  const jwt = strapi.plugin('users-permissions').service('jwt') as unknown as Record<string, unknown>;
  const verify = (jwt.verify as (token: string) => Promise<Record<string, unknown>>).bind(jwt);
  const verified = memo<string, Record<string, unknown>>();
  const expiry = (payload: Record<string, unknown>) => (typeof payload.exp === 'number' ? payload.exp * 1000 : undefined);
  // In « refresh » mode a token stands for a session that can be revoked at any time: never remembered.
  const refreshMode = () => strapi.config.get<string>('plugin::users-permissions.jwtManagement', 'legacy-support') === 'refresh';
  jwt.verify = (token: string) =>
    refreshMode() ? verify(token) : verified.get(token, () => verify(token), expiry).then((payload) => ({ ...payload }));
}

/**
 * users-permissions builds a CASL ability from the role's permissions on every request (the
 * permission engine's hooks, a tenth of a small request's CPU). Content-API permissions are bare
 * action names, so the ability depends on that list alone: one per distinct list, shared (read only).
 */
function rememberAbilities(strapi: Core.Strapi): void {
  const engine = (strapi as unknown as { contentAPI?: { permissions?: { engine?: Record<string, unknown> } } }).contentAPI?.permissions?.engine;
  if (typeof engine?.generateAbility !== 'function') return;
  const generate = (engine.generateAbility as (permissions: unknown[], options?: object) => Promise<unknown>).bind(engine);
  const abilities = memo<string, unknown>();
  const bareActions = (permissions: unknown[]) =>
    permissions.every((p) => p !== null && typeof p === 'object' && Object.keys(p).length === 1 && typeof (p as { action?: unknown }).action === 'string');
  engine.generateAbility = (permissions: unknown[], options?: object) => {
    if (!Array.isArray(permissions) || (options && Object.keys(options).length) || !bareActions(permissions)) return generate(permissions, options);
    const key = (permissions as { action: string }[]).map((p) => p.action).join('\n');
    return abilities.get(key, () => generate(permissions));
  };
}

/**
 * users-permissions reads its « advanced » settings (e-mail confirmation…) from the core store on
 * every authenticated request. Remembered like the rest; a write through the core store on this
 * instance forgets it at once. Only that key: the core store also carries busy rows (campaign
 * builds report their progress there).
 */
function rememberAdvancedSettings(strapi: Core.Strapi): void {
  type Params = { key?: string; type?: string; name?: string; environment?: string | null; tag?: string | null };
  const store = strapi.store as unknown as Record<'get' | 'set' | 'delete', (params: Params) => Promise<unknown>>;
  const isAdvanced = (p: Params) => p.type === 'plugin' && p.name === 'users-permissions' && p.key === 'advanced' && !p.environment && !p.tag;
  const advanced = memo<string, unknown>();
  const [get, set, remove] = [store.get, store.set, store.delete];
  store.get = (params) => (isAdvanced(params) ? advanced.get('advanced', () => get(params)).then(copyRecord) : get(params));
  // Forgotten once the write is done: a read during the write could remember the old value.
  const forgetAfter = (write: (params: Params) => Promise<unknown>) => (params: Params) =>
    write(params).finally(() => isAdvanced(params) && advanced.clear());
  store.set = forgetAfter(set);
  store.delete = forgetAfter(remove);
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
  const users = strapi.plugin('users-permissions').service('user') as unknown as Record<string, unknown>;
  wrap(users, 'fetchAuthenticatedUser', memo(), copyRecord);
  const permissions = strapi.plugin('users-permissions').service('permission') as unknown as Record<string, unknown>;
  // Their only caller, the users-permissions strategy, maps each permission to a new object: a copy
  // of the list suffices (copying each of a role's hundreds of permissions cost 3 % of a transition's CPU).
  const copyList = (list: unknown) => (Array.isArray(list) ? [...list] : list);
  wrap(permissions, 'findRolePermissions', memo(), copyList);
  const publicPermissions = memo<string, unknown>();
  const findPublic = (permissions.findPublicPermissions as () => Promise<unknown>).bind(permissions);
  permissions.findPublicPermissions = () => publicPermissions.get('public', findPublic).then(copyList);
  rememberVerifiedTokens(strapi);
  rememberAbilities(strapi);
  rememberAdvancedSettings(strapi);
  const tokens = strapi.service('admin::api-token-content-api') as unknown as Record<string, unknown> | undefined;
  if (typeof tokens?.hash === 'function') {
    // The strategy hashes every bearer (HMAC-SHA512 with the salt) before looking it up; the salt
    // only changes with a restart, so a bearer's hash is a fact.
    const hash = (tokens.hash as (key: string) => string).bind(tokens);
    const hashes = new Map<string, string>();
    tokens.hash = (key: string) => {
      let hashed = hashes.get(key);
      if (hashed === undefined) {
        if (hashes.size >= 10_000) hashes.clear();
        hashes.set(key, (hashed = hash(key)));
      }
      return hashed;
    };
  }
  // A JWT is never an API token: remember which bearers are not tokens; a real token is always
  // looked up afresh (revocation, expiry and last use stay exact).
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
      // An auditor's mandate (access/audit-mandate.ts) is the campaign's auditors and dates.
      'api::campaign.campaign',
    ],
    afterCreate: clearAuthCache,
    afterCreateMany: clearAuthCache,
    afterUpdate: clearAuthCache,
    afterUpdateMany: clearAuthCache,
    afterDelete: clearAuthCache,
    afterDeleteMany: clearAuthCache,
  });
}

import type { Core } from '@strapi/strapi';
import { adminLogin, http, startStrapi, stopStrapi, untilBackgroundWorkDone } from '../helpers/strapi';
import { firstAllowed, workflowOf, roles } from '../security/config';
import { changedTables, databaseState, isFrench } from '../security/database-state';
import { fixtureDocument as createFixture, securityFixtures, tokensOf, type Role, type SecurityFixtures } from '../security/fixtures';
import { dataVariants, genericVariants, keyVariants, pathVariants, queryVariants, type Attribute, type Variant } from '../security/hostile-variants';
import { customRoutes, OUT_OF_SCOPE_PREFIXES, validData } from '../security/write-routes';

/**
 * Every write route of the running app (read from its router), at least 20 malformed calls each:
 * every answer a 4xx with a French message, never a 5xx, and the database unchanged.
 */
const MIN_VARIANTS = 20;
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

let app: Core.Strapi;
let f: SecurityFixtures;
const tokens: Partial<Record<Role | 'admin', string>> = {};

beforeAll(async () => {
  app = await startStrapi();
  f = await securityFixtures(app);
  Object.assign(tokens, await tokensOf(app));
  tokens.admin = await adminLogin(app, 'admin@demo.local');
}, 300_000);
afterAll(() => stopStrapi(app));

function writeRoutes(): string[] {
  const layers = app.server.listRoutes() as unknown as { path: string; methods: string[] }[];
  const keys = layers.flatMap((l) => l.methods.filter((m) => WRITE_METHODS.includes(m)).map((m) => `${m} ${l.path}`));
  return [...new Set(keys)].filter((k) => {
    const path = k.split(' ')[1];
    return (path.startsWith('/api/') || path.startsWith('/charte-admin/')) && !OUT_OF_SCOPE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
  });
}

interface ContentType { uid: string; attributes: Record<string, Attribute>; info: { pluralName: string } }
const apiTypes = () => Object.values(app.contentTypes as unknown as Record<string, ContentType>).filter((t) => t.uid.startsWith('api::'));

/** The content type whose core REST route this is, if any. */
function coreRouteOf(key: string): { type: ContentType; action: 'create' | 'update' | 'delete' } | null {
  const match = /^(POST|PUT|DELETE) \/api\/([a-z0-9-]+)(\/:id)?$/.exec(key);
  if (!match) return null;
  const type = apiTypes().find((t) => t.info.pluralName === match[2]);
  if (!type || (match[1] === 'POST') === Boolean(match[3])) return null;
  return { type, action: match[1] === 'POST' ? 'create' : match[1] === 'PUT' ? 'update' : 'delete' };
}

interface Plan {
  as: Role | 'admin';
  valid: { path: string; body?: unknown };
  ok: number | 'deniedToAll';
  variants: Variant[];
}

const fixtureDocument = (uid: string, serviceId: number, state = 'draft', authorId?: number) => createFixture(f, uid, serviceId || null, state, authorId);

const QUERY_ATTACKS = [
  'filters[$where]=1%3D1',
  'filters[password][$eq]=x',
  'filters[author][password][$startsWith]=a',
  'filters[id][$foo]=1',
  'filters[$or][0][$and][0][$raw]=1',
  'sort=password:asc',
  'fields[0]=password',
  'populate[author][fields][0]=password',
  'filters[author][resetPasswordToken][$notNull]=true',
  'sort[0]=password',
];

async function corePlan(type: ContentType, action: 'create' | 'update' | 'delete'): Promise<Plan> {
  const role = firstAllowed(type.uid, action) as Role | undefined;
  const as: Role = role ?? 'referent-qualite';
  const scoped = roles.serviceScopedTypes.includes(type.uid);
  const ownOnly = roles.roles[as]?.readScope === 'own-services';
  const base = `/api/${type.info.pluralName}`;
  if (!validData[type.uid]) throw new Error(`Pas d’exemple valide pour ${type.uid} dans test/security/write-routes.ts`);
  const data = validData[type.uid](f);
  const ok = role ? { create: 201, update: 200, delete: 204 }[action] : 'deniedToAll';
  if (action === 'create') {
    return {
      as, ok, valid: { path: base, body: { data } },
      variants: [...genericVariants({ data }, (inner) => ({ data: inner })), ...queryVariants({ data }), ...dataVariants(validData[type.uid](f), type.attributes, scoped && ownOnly ? f.other.documentId : null)],
    };
  }
  const own = scoped ? f.own.id : 0;
  // A role that changes only what it wrote (ownWrites) plays on documents it wrote: the valid call must succeed.
  const author = roles.roles[as]?.ownWrites?.includes(type.uid) ? (f.users[as]?.id as number | undefined) : undefined;
  const target = await fixtureDocument(type.uid, own, 'draft', author);
  const batchTarget = await fixtureDocument(type.uid, own, 'draft', author);
  const foreign = scoped && ownOnly ? `${base}/${await fixtureDocument(type.uid, f.other.id)}` : null;
  const locked = workflowOf(type.uid) ? `${base}/${await fixtureDocument(type.uid, own, 'approved')}` : null;
  const body = action === 'update' ? { data: validData[type.uid](f) } : undefined;
  const path = `${base}/${batchTarget}`;
  const variants = pathVariants(`${base}/__ID__`, foreign, locked, body).concat(QUERY_ATTACKS.map((q) => ({ name: `requête ${q}`, path, query: q, json: body })));
  if (action === 'update') {
    const updateData = validData[type.uid](f);
    variants.push(...genericVariants({ data: updateData }, (inner) => ({ data: inner })).map((v) => ({ ...v, path })));
    variants.push(...dataVariants(updateData, type.attributes, scoped && ownOnly ? f.other.documentId : null).map((v) => ({ ...v, path })));
  }
  return { as, ok, valid: { path: `${base}/${target}`, body }, variants };
}

async function customPlan(key: string): Promise<Plan> {
  const route = customRoutes[key];
  const path = await route.path(f);
  const body = route.body(f);
  const extra: Variant[] = [
    { name: 'nombre seul', raw: '42', contentType: 'application/json' },
    { name: 'booléen seul', raw: 'true', contentType: 'application/json' },
    { name: 'formulaire urlencoded', raw: 'a=1&b[c][$ne]=2', contentType: 'application/x-www-form-urlencoded' },
    { name: 'multipart sans fichier', raw: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', contentType: 'multipart/form-data; boundary=x' },
  ];
  // Query attacks only where the route refuses every call anyway: the other custom routes read no query.
  const queries = route.ok === 'deniedToAll' ? queryVariants(body) : [];
  const variants = [...genericVariants(body), ...keyVariants(body), ...extra, ...queries].map((v) => ({ path, ...v }));
  // A valid body with HTML is accepted as text: not malformed, so not part of this batch.
  return { as: route.as, ok: route.ok, valid: { path, body }, variants: variants.filter((v) => !v.name.startsWith('HTML')) };
}

async function send(as: Role | 'admin', method: string, path: string, v: Partial<Variant> = {}) {
  const url = v.query ? `${path}${path.includes('?') ? '&' : '?'}${v.query}` : path;
  let req = http(app)[method.toLowerCase() as 'post'](url);
  if (tokens[as]) req = req.set('Authorization', `Bearer ${tokens[as]}`);
  if (v.raw !== undefined) return req.set('Content-Type', v.contentType ?? 'application/json').send(v.raw);
  if (v.json !== undefined) return req.send(v.json as object);
  return req;
}

/**
 * The database once the valid call's follow-up work is over: a campaign build runs in the
 * background, a transition's mails leave the outbox a moment later, entry events run after commit.
 */
async function settledState() {
  await untilBackgroundWorkDone(app);
  return databaseState(app);
}

const VARIANTS_IN_FLIGHT = 4;

/** `run` over every item, at most `limit` at a time; the results in the items' order. */
async function inTurns<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await run(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

describe('hostile input on every write route', () => {
  let routes: string[];
  beforeAll(() => {
    routes = writeRoutes();
  });

  it('knows a valid example of every write route', () => {
    const missing = routes.filter((k) => {
      const core = coreRouteOf(k);
      return core ? !validData[core.type.uid] : !customRoutes[k];
    });
    expect(missing).toEqual([]);
    expect(routes.length).toBeGreaterThan(40);
  });

  it('answers every malformed call with a French 4xx and writes nothing', async () => {
    const failures: string[] = [];
    const summary: string[] = [];
    let total = 0;
    let serverErrors = 0;
    for (const key of routes) {
      const core = coreRouteOf(key);
      if (core ? !validData[core.type.uid] : !customRoutes[key]) continue;
      const method = key.split(' ')[0];
      let plan: Plan;
      try {
        plan = core ? await corePlan(core.type, core.action) : await customPlan(key);
      } catch (error) {
        failures.push(`${key} : préparation impossible : ${(error as Error).message}`);
        continue;
      }
      if (plan.variants.length < MIN_VARIANTS) failures.push(`${key} : ${plan.variants.length} variantes seulement`);

      const valid = await send(plan.as, method, plan.valid.path, plan.valid.body === undefined ? {} : { json: plan.valid.body });
      if (plan.ok === 'deniedToAll' ? valid.status < 400 || valid.status >= 500 : valid.status !== plan.ok) {
        failures.push(`${key} : l’appel valide répond ${valid.status} au lieu de ${plan.ok} (${JSON.stringify(valid.body?.error ?? valid.body).slice(0, 200)})`);
      }

      const before = await settledState();
      // The malformed calls of a route are independent of one another (each must be refused and write
      // nothing, which the snapshot after them checks): a few at a time, their findings kept in order.
      const findings = await inTurns(plan.variants, VARIANTS_IN_FLIGHT, async (v) => {
        try {
          const res = await send(plan.as, method, v.path ?? plan.valid.path, v);
          return { status: res.status, message: res.body?.error?.message as unknown };
        } catch (error) {
          return { error: `${key} [${v.name}] : ${(error as Error).message}` };
        }
      });
      plan.variants.forEach((v, i) => {
        total += 1;
        const found = findings[i];
        if (found.error !== undefined) {
          failures.push(found.error);
          return;
        }
        const status = found.status!;
        const { message } = found;
        if (status >= 500) serverErrors += 1;
        if (status < 400 || status >= 500) failures.push(`${key} [${v.name}] : ${status} ${String(message ?? '').slice(0, 160)}`);
        else if (!isFrench(message)) failures.push(`${key} [${v.name}] : ${status} message non français « ${String(message).slice(0, 160)} »`);
      });
      const changed = changedTables(before, await databaseState(app));
      if (changed.length) failures.push(`${key} : base modifiée par les appels malformés : ${changed.join(', ')}`);
      summary.push(`${key.padEnd(60)} ${String(plan.variants.length).padStart(3)} appels (${plan.as})`);
    }
    console.log(`Saisies hostiles : ${total} appels sur ${summary.length} routes, ${serverErrors} erreurs 5xx\n${summary.join('\n')}`);
    expect(failures).toEqual([]);
  }, 900_000);
});

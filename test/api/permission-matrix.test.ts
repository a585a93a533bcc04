import type { Core } from '@strapi/strapi';
import { http, startStrapi, stopStrapi } from '../helpers/strapi';
import { may, roles, workflowOf } from '../security/config';
import { fixtureDocument, PLAYERS, securityFixtures, tokensOf, type Role, type SecurityFixtures } from '../security/fixtures';
import { validData } from '../security/write-routes';

/**
 * The permission matrix of the content API, generated from the running app's content types and
 * from config/roles.yaml and config/workflows.yaml (read on their own): every api:: type ×
 * find/findOne/create/update/delete × role (anonymous included) × own/other service, over real
 * HTTP. Not one call may be allowed that the rules do not allow, nor refused that they allow.
 * Workflow transitions have their own matrix (workflow-matrix.test.ts).
 */
interface ContentType { uid: string; attributes: Record<string, { type: string; target?: string; relation?: string }>; info: { pluralName: string } }

let app: Core.Strapi;
let f: SecurityFixtures;
let tokens: Partial<Record<Role, string>>;
const membership: Partial<Record<Role, { all: number[]; headOf: number[] }>> = {};
/** An auditor's mission, read from the campaigns (auditors, dates, services), not through the code under test. */
const mandates: Partial<Record<Role, { campaignId: number; serviceIds: number[] }>> = {};

beforeAll(async () => {
  app = await startStrapi();
  f = await securityFixtures(app);
  tokens = await tokensOf(app);
  for (const p of PLAYERS) {
    const user = f.users[p.role];
    if (!user) continue;
    const services = (await app.db.query('api::service.service').findMany({ populate: { heads: { select: ['id'] }, agents: { select: ['id'] } } })) as {
      id: number; heads: { id: number }[]; agents: { id: number }[];
    }[];
    const heads = services.filter((s) => s.heads.some((h) => h.id === user.id)).map((s) => s.id);
    const agents = services.filter((s) => s.agents.some((a) => a.id === user.id)).map((s) => s.id);
    membership[p.role] = { all: [...new Set([...heads, ...agents])], headOf: heads };
    const today = new Date().toISOString().slice(0, 10);
    const audited = (await app.db.query('api::campaign.campaign').findOne({
      where: { auditors: { id: user.id }, auditStart: { $lte: today }, auditEnd: { $gte: today } },
      populate: { services: { select: ['id'] } },
    })) as { id: number; services: { id: number }[] } | null;
    if (audited) mandates[p.role] = { campaignId: audited.id, serviceIds: audited.services.map((s) => s.id) };
  }
}, 300_000);
afterAll(() => stopStrapi(app));

const apiTypes = () =>
  Object.values(app.contentTypes as unknown as Record<string, ContentType>)
    .filter((t) => t.uid.startsWith('api::'))
    .sort((a, b) => a.uid.localeCompare(b.uid));
const scoped = (uid: string) => roles.serviceScopedTypes.includes(uid);

/** The documentIds `role` may read, computed from config/roles.yaml against the database. */
async function readableSet(uid: string, role: Role): Promise<Set<string>> {
  if (!may(role, uid, 'find') && !may(role, uid, 'findOne')) return new Set();
  const rules = roles.roles[role];
  let where: Record<string, unknown> = {};
  const blind = roles.blindTypes?.[uid];
  if (blind && !blind.planners.includes(role)) {
    // Read blind (a mystery test): the tester's own, and within the role's services only once revealed.
    const revealed = { workflowState: { $in: blind.revealedIn } };
    const inServices = { service: { id: { $in: membership[role]?.all.length ? membership[role]!.all : [0] } } };
    const reach = rules.readScope === 'all' ? [revealed] : rules.readScope === 'own-services' ? [{ $and: [revealed, inServices] }] : [];
    where = { $or: [{ [blind.testerField]: { id: f.users[role]?.id ?? 0 } }, ...reach] };
  } else if (blind) {
    where = {};
  } else if (scoped(uid)) {
    if (rules.readScope === 'none') return new Set();
    if (rules.readScope === 'own-services') where = { service: { id: { $in: membership[role]?.all.length ? membership[role]!.all : [0] } } };
    if (rules.readScope === 'audited-campaign') {
      // The audited campaign's services; and of a type that names its campaign, that campaign only.
      const mandate = mandates[role];
      if (!mandate) return new Set();
      where = { service: { id: { $in: mandate.serviceIds } } };
      const campaignAttribute = (app.contentTypes as unknown as Record<string, ContentType>)[uid].attributes.campaign;
      if (campaignAttribute?.target === 'api::campaign.campaign') where = { ...where, campaign: { id: mandate.campaignId } };
    }
  } else if (uid === 'api::campaign.campaign' && rules.readScope === 'audited-campaign') {
    // An auditor reads the campaign they audit, no other.
    where = { id: mandates[role]?.campaignId ?? 0 };
  } else if (rules.readFilters?.[uid]) where = rules.readFilters[uid];
  const rows = (await app.db.query(uid as never).findMany({ select: ['documentId'], where })) as { documentId: string }[];
  return new Set(rows.map((r) => r.documentId));
}

function call(role: Role, method: 'get' | 'post' | 'put' | 'delete', path: string) {
  const req = http(app)[method](path);
  return tokens[role] ? req.set('Authorization', `Bearer ${tokens[role]}`) : req;
}

const ALLOWED: Record<string, number> = { find: 200, findOne: 200, create: 201, update: 200, delete: 204 };
const counts = { requests: 0, allowed: 0, refused: 0 };
const unexpectedAllow: string[] = [];
const unexpectedRefusal: string[] = [];

function judge(label: string, expectedAllow: boolean, action: string, status: number) {
  counts.requests += 1;
  const allowed = status >= 200 && status < 300;
  if (allowed) counts.allowed += 1;
  else counts.refused += 1;
  if (allowed && !expectedAllow) unexpectedAllow.push(`${label} : ${status}`);
  else if (!allowed && expectedAllow) unexpectedRefusal.push(`${label} : ${status} au lieu de ${ALLOWED[action]}`);
  else if (!allowed && (status < 400 || status >= 500)) unexpectedRefusal.push(`${label} : ${status} (un refus est un 4xx)`);
}

/** A few documents of the type, in and out of the role's reach, for findOne/update/delete. */
async function targets(uid: string): Promise<{ name: string; documentId: string; own: boolean; editable: boolean }[]> {
  const wf = workflowOf(uid);
  const list: { name: string; documentId: string; own: boolean; editable: boolean }[] = [];
  if (!validData[uid]) return list;
  if (scoped(uid)) {
    list.push({ name: 'son service', documentId: await fixtureDocument(f, uid, f.own.id), own: true, editable: true });
    list.push({ name: 'autre service', documentId: await fixtureDocument(f, uid, f.other.id), own: false, editable: true });
  } else list.push({ name: 'document', documentId: await fixtureDocument(f, uid, null), own: true, editable: true });
  if (wf) {
    const locked = wf.states.find((s) => !wf.editableIn.includes(s))!;
    list.push({ name: `son service, ${locked}`, documentId: await fixtureDocument(f, uid, scoped(uid) ? f.own.id : null, locked), own: true, editable: false });
    if (scoped(uid)) list.push({ name: `autre service, ${locked}`, documentId: await fixtureDocument(f, uid, f.other.id, locked), own: false, editable: false });
  }
  return list;
}

describe('permission matrix of the content API', () => {
  it('allows exactly what config/roles.yaml and config/workflows.yaml allow', async () => {
    const types = apiTypes();
    const noExample = types.filter((t) => !validData[t.uid]).map((t) => t.uid);
    expect(noExample).toEqual([]);
    const perRole: Record<string, number> = {};
    for (const type of types) {
      const base = `/api/${type.info.pluralName}`;
      const wf = workflowOf(type.uid);
      for (const { role } of PLAYERS) {
        const before = counts.requests;
        const readable = await readableSet(type.uid, role);
        const label = (what: string) => `${role} ${what} ${type.uid}`;

        const list = await call(role, 'get', `${base}?pagination[pageSize]=1`);
        judge(label('find'), may(role, type.uid, 'find'), 'find', list.status);
        if (list.status === 200 && list.body.meta?.pagination?.total > readable.size) {
          unexpectedAllow.push(`${label('find')} : ${list.body.meta.pagination.total} documents listés, ${readable.size} lisibles`);
        }

        for (const target of await targets(type.uid)) {
          const t = `(${target.name})`;
          const one = await call(role, 'get', `${base}/${target.documentId}`);
          const canRead = may(role, type.uid, 'findOne') && (await readableSet(type.uid, role)).has(target.documentId);
          judge(label(`findOne ${t}`), canRead, 'findOne', one.status);
          // A role of ownWrites changes only what it wrote; the targets here are written by no one.
          const writable = canRead && target.editable && !(roles.roles[role].ownWrites ?? []).includes(type.uid);
          const update = await call(role, 'put', `${base}/${target.documentId}`).send({ data: {} });
          judge(label(`update ${t}`), may(role, type.uid, 'update') && writable, 'update', update.status);
          const del = await call(role, 'delete', `${base}/${target.documentId}`);
          judge(label(`delete ${t}`), may(role, type.uid, 'delete') && writable, 'delete', del.status);
        }

        for (const [name, serviceId, own] of scoped(type.uid) ? ([['son service', f.own.documentId, true], ['autre service', f.other.documentId, false]] as const) : ([['', null, true]] as const)) {
          const data = { ...validData[type.uid](f) };
          if (serviceId) data.service = serviceId;
          const created = await call(role, 'post', base).send({ data });
          const audited = roles.roles[role].readScope === 'audited-campaign';
          const serviceRow = own ? f.own : f.other;
          const reach = !scoped(type.uid) || roles.roles[role].readScope === 'all' || (audited ? !!mandates[role]?.serviceIds.includes(serviceRow.id) : own);
          judge(label(`create ${name}`), may(role, type.uid, 'create') && reach, 'create', created.status);
          if (created.status === 201 && wf && created.body.data?.workflowState !== undefined && created.body.data.workflowState !== 'draft') {
            unexpectedAllow.push(`${label('create')} : créé dans l’état ${created.body.data.workflowState}`);
          }
        }
        perRole[role] = (perRole[role] ?? 0) + counts.requests - before;
      }
    }
    console.log(
      `Matrice des permissions : ${types.length} types × ${PLAYERS.length} rôles, ${counts.requests} requêtes ` +
        `(${counts.allowed} autorisées, ${counts.refused} refusées) ; ${unexpectedAllow.length} autorisations inattendues, ` +
        `${unexpectedRefusal.length} refus inattendus\n` + Object.entries(perRole).map(([r, n]) => `  ${r.padEnd(18)} ${n}`).join('\n'),
    );
    expect(unexpectedAllow).toEqual([]);
    expect(unexpectedRefusal).toEqual([]);
  }, 900_000);
});

describe('personal data never reaches those who may not read it', () => {
  const PERSONAL: Record<string, string[]> = {
    'api::interview.interview': ['notes'],
    'api::complaint.complaint': ['contactName', 'contactEmail'],
  };

  /** Whether `role` reads `field` of this document: notes by interviewNotesReaders and the service's heads; contact details by whoever reads the complaint. */
  function mayReadField(uid: string, role: Role, serviceId: number | null, readable: Set<string>, documentId: string): boolean {
    if (!readable.has(documentId)) return false;
    if (uid !== 'api::interview.interview') return true;
    if (roles.interviewNotesReaders.includes(role)) return true;
    return serviceId !== null && (membership[role]?.headOf ?? []).includes(serviceId);
  }

  let crossLinked: string;
  beforeAll(async () => {
    // An evaluation of « accueil » linked to an interview of « scolaire »: populating it must not
    // hand the accueil staff what their scope hides.
    const foreign = await app.db.query('api::interview.interview').findOne({ where: { service: { id: f.other.id } } });
    const own = await app.db.query('api::evaluation.evaluation').findOne({ where: { service: { id: f.own.id } } });
    const ownInterview = await app.db.query('api::interview.interview').findOne({ where: { service: { id: f.own.id } } });
    await app.db.query('api::evaluation.evaluation').update({ where: { id: own.id }, data: { interviews: [foreign.id, ownInterview.id] } });
    crossLinked = own.documentId;
  });

  it.each(PLAYERS.map((p) => p.role))('%s: every path to a personal field or a scoped relation is checked', async (role) => {
    const leaks: string[] = [];
    for (const type of apiTypes()) {
      const base = `/api/${type.info.pluralName}`;
      const relations = Object.entries(type.attributes).filter(([, a]) => a.type === 'relation' && a.target?.startsWith('api::'));
      const direct = PERSONAL[type.uid] ?? [];
      const paths: { url: string; uid: string; via: string | null }[] = [{ url: `${base}?pagination[pageSize]=200&populate[service][fields][0]=id`, uid: type.uid, via: null }];
      if (type.uid === 'api::evaluation.evaluation') paths.push({ url: `${base}/${crossLinked}?populate[interviews][fields][0]=notes&populate[interviews][populate][service][fields][0]=id`, uid: 'api::interview.interview', via: 'interviews' });
      for (const [name, attr] of relations) {
        const hidden = PERSONAL[attr.target!] ?? [];
        const fields = ['documentId', ...hidden].map((h, i) => `populate[${name}][fields][${i}]=${h}`).join('&');
        paths.push({ url: `${base}?pagination[pageSize]=200&${fields}&populate[${name}][populate][service][fields][0]=id`, uid: attr.target!, via: name });
      }
      for (const p of paths) {
        if (p.via === null && !direct.length) continue;
        const res = await call(role, 'get', p.url);
        if (res.status !== 200) continue;
        const readable = await readableSet(p.uid, role);
        const data = Array.isArray(res.body.data) ? res.body.data : [res.body.data];
        const items = (p.via ? data.flatMap((d: Record<string, unknown>) => [d[p.via!]].flat()) : data).filter(Boolean) as Record<string, unknown>[];
        for (const item of items) {
          const documentId = item.documentId as string;
          if (p.via && (scoped(p.uid) || roles.roles[role].readFilters?.[p.uid]) && !readable.has(documentId)) {
            leaks.push(`${p.url} : ${p.uid} ${documentId} hors de portée`);
          }
          const serviceId = (item.service as { id?: number } | null | undefined)?.id ?? null;
          for (const field of PERSONAL[p.uid] ?? []) {
            if (field in item && !mayReadField(p.uid, role, serviceId, readable, documentId)) leaks.push(`${p.url} : ${field} de ${documentId}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it.each(PLAYERS.map((p) => p.role))('%s: a filter on a field they may not read is refused or has no effect', async (role) => {
    const note = (await app.db.query('api::interview.interview').findOne({ where: { notes: { $notNull: true }, service: { id: f.other.id } } })).notes as string;
    const word = note.slice(0, 12);
    const contact = (await app.db.query('api::complaint.complaint').findOne({ where: { contactEmail: { $notNull: true } } }))?.contactEmail as string | undefined;
    const probes = [
      ['/api/interviews?filters[notes][$contains]=', word],
      ['/api/evaluations?filters[interviews][notes][$contains]=', word],
      ['/api/interviews?sort=notes:asc&filters[notes][$startsWith]=', word.slice(0, 1)],
      ...(contact ? [['/api/complaints?filters[contactEmail][$contains]=', contact.slice(0, 4)] as const] : []),
    ];
    const leaks: string[] = [];
    for (const [path, real] of probes) {
      const hit = await call(role, 'get', `${path}${encodeURIComponent(real)}`);
      const miss = await call(role, 'get', `${path}${encodeURIComponent('zzz-aucune-correspondance')}`);
      if (hit.status >= 500 || miss.status >= 500) leaks.push(`${path} : ${hit.status}/${miss.status}`);
      if (hit.status !== 200) continue;
      const mayFilter = path.includes('notes') ? roles.interviewNotesReaders.includes(role) : may(role, 'api::complaint.complaint', 'find');
      if (!mayFilter && hit.body.meta?.pagination?.total !== miss.body.meta?.pagination?.total) leaks.push(`${path} : le filtre révèle le contenu`);
    }
    expect(leaks).toEqual([]);
  });
});

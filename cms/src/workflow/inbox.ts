import { availableActions, type Inbox, type InboxFilterOption, type InboxItem, type Membership } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { membershipOf, type Membership as ServiceMembership } from '../access/service-membership';
import { dayIn, townTimeZone, townToday } from '../platform/calendar/clock';
import { modelLabels, workflowLabels } from '../platform/config/labels';
import { link, tableOf, type JoinTable, type Row } from '../platform/db/schema';
import { cachedByVersion, installVersion } from '../platform/db/versioned-cache';
import { HttpError } from '../platform/http/http-error';
import type { Caller } from '../platform/http/request';
import { positiveQueryNumber, queryText } from '../platform/input/query-values';
import { inboxGroups, workflows, type InboxGroup, type Workflow } from './definitions';
import { summariesByIds } from './document-titles';

export const INBOX_PAGE_SIZE = 20;
export const INBOX_MAX_PAGE_SIZE = 100;
const EVENT = 'api::workflow-event.workflow-event';

/** What GET /api/workflow/inbox may be asked: a type (collection), a service (slug), a group, a page of it. */
export interface InboxQuery {
  type?: string;
  service?: string;
  group?: string;
  page: number;
  pageSize: number;
}

/** The query string of GET /api/workflow/inbox, checked: an unknown type, service or group is a French 400. */
export async function inboxQueryOf(strapi: Core.Strapi, query: Record<string, unknown>): Promise<InboxQuery> {
  const known = ['type', 'service', 'group', 'page', 'pageSize'];
  const unknown = Object.keys(query).filter((key) => !known.includes(key));
  if (unknown.length) throw new HttpError(400, `Paramètre inconnu : ${unknown.join(', ')}. Paramètres possibles : ${known.join(', ')}.`);
  for (const key of known) {
    if (query[key] !== undefined && typeof query[key] !== 'string') throw new HttpError(400, `« ${key} » ne peut être donné qu’une fois, comme un texte.`);
  }
  const type = queryText(query.type);
  if (type !== undefined && !workflows().some((w) => w.collection === type)) {
    const possible = workflows().map((w) => `${w.collection} (${w.label})`).join(', ');
    throw new HttpError(400, `Type inconnu : « ${type} ». Types possibles : ${possible}.`);
  }
  const service = queryText(query.service);
  if (service !== undefined) {
    const found = /^[a-z0-9-]{1,100}$/.test(service) && (await strapi.db.query('api::service.service').findOne({ select: ['id'], where: { slug: service } }));
    if (!found) throw new HttpError(400, `Service inconnu : « ${service.slice(0, 100)} ». Donnez l’identifiant d’un service (par exemple « accueil-etat-civil »).`);
  }
  const group = queryText(query.group);
  const labels = modelLabels().inboxGroups;
  if (group !== undefined && !inboxGroups().some((g) => g.name === group)) {
    const possible = inboxGroups().map((g) => `${g.name} (${labels[g.name]})`).join(', ');
    throw new HttpError(400, `Groupe inconnu : « ${group} ». Groupes possibles : ${possible}.`);
  }
  const page = positiveQueryNumber(query.page, 'page', 1, 100_000);
  if (page > 1 && group === undefined) throw new HttpError(400, 'Une page au-delà de la première se demande pour un groupe : ajoutez « group ».');
  const pageSize = positiveQueryNumber(query.pageSize, 'pageSize', INBOX_PAGE_SIZE, INBOX_MAX_PAGE_SIZE);
  return { type, service, group, page, pageSize };
}

interface Reach {
  userId: number;
  role: string;
  headOf: number[];
  serviceIds: number[];
}

/** The groups a role may ever fill: those whose action it takes from some inbox transition. */
function groupsOfRole(role: string): InboxGroup[] {
  return inboxGroups().filter((g) => workflows().some((w) => w.transitions.some((t) => t.inbox && t.action === g.action && role in t.by)));
}

/**
 * The candidates of one type as SQL: every document on which the caller may take an inbox action
 * now, with its group (the first of inbox.groups whose action it may take, and whose `after`, if
 * any, names the document's last action), the instant it entered its current state (its last
 * event, its creation without one) and its service. Null when the role takes no inbox action on it.
 */
function candidatesOf(strapi: Core.Strapi, workflow: Workflow, reach: Reach): Candidates | null {
  const { role, headOf, serviceIds, userId } = reach;
  const usable = workflow.transitions.filter((t) => t.inbox && role in t.by);
  if (!usable.length) return null;
  const bindings: string[] = [];
  const inScope = (scope: string) => {
    if (scope === 'any') return 'true';
    if (scope === 'author') {
      bindings.push(String(userId));
      return `da.${link(strapi, workflow.uid, 'author').to} = ?`;
    }
    const ids = scope === 'head' ? headOf : serviceIds;
    if (!ids.length) return 'false';
    bindings.push(pgArray(ids));
    return 's.id = any(?::int[])';
  };
  const stateIn = (state: string, scope: string) => {
    const reachSql = inScope(scope);
    bindings.push(state);
    return `(${reachSql} and d.workflow_state = ?)`;
  };
  const cases: string[] = [];
  for (const group of inboxGroups()) {
    const from = usable.filter((t) => t.action === group.action).map((t) => stateIn(t.from, t.by[role]));
    if (!from.length) continue;
    let condition = `(${from.join(' or ')})`;
    if (group.after) {
      bindings.push(pgArray(group.after));
      condition += ' and ev.action = any(?::text[])';
    }
    bindings.push(group.name);
    cases.push(`when ${condition} then ?`);
  }
  if (!cases.length) return null;
  const groupSql = `case ${cases.join(' ')} end`;
  const groupBindings = bindings.splice(0);
  const table = tableOf(strapi, workflow.uid);
  let serviceJoin = '';
  let serviceColumns = 'null::int as service_id, null::text as service_slug, null::text as service_name';
  if (workflow.serviceBound) {
    const service = link(strapi, workflow.uid, 'service');
    serviceJoin = `left join ${service.table} ds on ds.${service.from} = d.id left join ${tableOf(strapi, 'api::service.service')} s on s.id = ds.${service.to}`;
    serviceColumns = 's.id as service_id, s.slug as service_slug, s.name as service_name';
  }
  // A tester's own tests (`author` scope) are found by the document's author link.
  if (usable.some((t) => t.by[role] === 'author')) {
    const author = link(strapi, workflow.uid, 'author');
    serviceJoin += ` left join ${author.table} da on da.${author.from} = d.id`;
  }
  const events = tableOf(strapi, EVENT);
  const states = [...new Set(usable.map((t) => t.from))];
  // The same reach as a filter on the document and its service, which PostgreSQL applies before the
  // lateral read of the last event: a head's inbox reads the events of their service's documents only.
  const reachSql = usable.map((t) => stateIn(t.from, t.by[role])).join(' or ');
  const reachBindings = bindings.splice(0);
  const sql = `
    select * from (
      select ?::text as collection, d.id, d.workflow_state, ${serviceColumns},
             case when ev.to_state = d.workflow_state then ev.at else d.created_at end as since,
             ev.action as event_action, ev.actor_name as event_actor, ev.comment as event_comment, ev.at as event_at,
             ${groupSql} as grp
      from ${table} d
      ${serviceJoin}
      left join lateral (
        select e.action, e.actor_name, e.comment, e.at, e.to_state from ${events} e
        where e.target_document_id = d.document_id and e.target_uid = ?
        order by e.at desc, e.id desc limit 1
      ) ev on true
      where d.workflow_state = any(?::text[]) and (${reachSql})
    ) c where c.grp is not null`;
  return { workflow, sql, bindings: [workflow.collection, ...groupBindings, workflow.uid, pgArray(states), ...reachBindings] };
}

interface Candidates {
  workflow: Workflow;
  sql: string;
  bindings: Knex.RawBinding[];
}

/** A PostgreSQL array literal of codes or ids (workflow states, actions, row ids: never quotes nor commas). */
const pgArray = (values: readonly (string | number)[]) => `{${values.join(',')}}`;

const unionOf = (list: Candidates[]) => ({ sql: list.map((c) => `(${c.sql})`).join(' union all '), bindings: list.flatMap((c) => c.bindings) });

/** The version the answers are kept under (platform/db/versioned-cache.ts). */
const INBOX_VERSION = 'inbox';

/**
 * Every table an answer reads: each workflow type's table and the join tables of its relations
 * (service, author, criterion, indicator…), the tables its titles come from, and the history (the
 * waiting time and the last event). A write to any of them, whatever its door, drops every answer.
 */
function tablesInboxReads(strapi: Core.Strapi): string[] {
  const tables = new Set<string>([tableOf(strapi, EVENT), tableOf(strapi, 'api::service.service'), tableOf(strapi, 'api::criterion.criterion'), tableOf(strapi, 'api::indicator.indicator')]);
  for (const workflow of workflows()) {
    tables.add(tableOf(strapi, workflow.uid));
    const attributes = strapi.db.metadata.get(workflow.uid).attributes as unknown as Record<string, { type?: string; joinTable?: JoinTable }>;
    for (const attribute of Object.values(attributes)) if (attribute.type === 'relation' && attribute.joinTable) tables.add(attribute.joinTable.name);
  }
  return [...tables];
}

/** At boot: the `inbox` version and its triggers. */
export async function installInboxVersion(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.transaction((trx) => installVersion(trx, INBOX_VERSION, tablesInboxReads(strapi)));
}

/**
 * « À traiter »: the documents on which the caller can act now, grouped by what is asked of them
 * (config/workflows.yaml, inbox.groups), each group counted and paged, longest waiting first —
 * computed from the same transition table the engine enforces. One SQL statement whatever the
 * size of the town reads the candidates once (the counts of the whole inbox by group, type and
 * service; one page of each group), then one per type on the page for the titles.
 *
 * The page is opened far more often than documents move: the answer is kept under the `inbox`
 * version, which any committed write to a table it reads bumps. Its key is everything the answer
 * depends on besides those tables: the caller (their own tests, their actions), role and services
 * (the reach), the query, and the town's day (the waiting days).
 */
export async function inboxOf(strapi: Core.Strapi, caller: Caller, query: InboxQuery): Promise<Inbox> {
  const role = caller.role?.type ?? 'public';
  const membership = await membershipOf(strapi, caller.id);
  const key = [caller.id, role, membership.headOf, membership.serviceIds, query.type ?? null, query.service ?? null, query.group ?? null, query.page, query.pageSize, townToday()];
  return cachedByVersion(strapi, INBOX_VERSION, key, () => computeInbox(strapi, caller, role, membership, query));
}

async function computeInbox(strapi: Core.Strapi, caller: Caller, role: string, membership: ServiceMembership, query: InboxQuery): Promise<Inbox> {
  const { headOf, serviceIds } = membership;
  const reach: Reach = { userId: caller.id, role, headOf, serviceIds };
  const knex = strapi.db.connection;
  const groupLabels = modelLabels().inboxGroups;
  const shown = groupsOfRole(role).filter((g) => !query.group || g.name === query.group);
  const branches = workflows()
    .map((workflow) => candidatesOf(strapi, workflow, reach))
    .filter((b): b is Candidates => b !== null);
  const applied = { type: query.type ?? null, service: query.service ?? null, group: query.group ?? null };
  if (!branches.length || !shown.length) return { groups: shown.map((g) => emptyGroup(g, groupLabels, query)), total: 0, filters: { types: [], services: [] }, applied };

  // One statement reads the candidates once (each with its last event) and answers both questions:
  // 1. the whole inbox counted by group, type and service: the groups' counts under the filters and
  //    the filters' options (each counted under the other filter) come from these few rows;
  // 2. one page of each group shown, longest waiting first.
  const all = unionOf(branches);
  const offset = (query.page - 1) * query.pageSize;
  const pageFilters = [query.type ? ' and c.collection = ?' : '', query.service ? ' and c.service_slug = ?' : ''].join('');
  const [answer] = (
    await knex.raw(
      `with c as materialized (${all.sql})
       select
         (select coalesce(json_agg(x), '[]'::json) from (
            select collection, grp, service_slug, service_name, count(*)::int as n from c group by 1, 2, 3, 4
          ) x) as counts,
         (select coalesce(json_agg(r order by r.grp, r.rn), '[]'::json) from (
            select * from (
              select c.*, row_number() over (partition by c.grp order by c.since asc, c.collection, c.id) as rn
              from c where c.grp = any(?::text[])${pageFilters}
            ) numbered where numbered.rn > ? and numbered.rn <= ?
          ) r) as page`,
      [...all.bindings, pgArray(shown.map((g) => g.name)), ...(query.type ? [query.type] : []), ...(query.service ? [query.service] : []), offset, offset + query.pageSize],
    )
  ).rows as { counts: Row[] | string; page: Row[] | string }[];
  // Strapi's pg setup may leave json as text.
  const parsed = (value: Row[] | string): Row[] => (typeof value === 'string' ? JSON.parse(value) : value);
  const counts = parsed(answer.counts);
  const page = parsed(answer.page);
  const byType = (r: Row) => !query.type || r.collection === query.type;
  const byService = (r: Row) => !query.service || r.service_slug === query.service;
  const countOf = (group: string) => counts.filter((r) => r.grp === group && byType(r) && byService(r)).reduce((sum, r) => sum + r.n, 0);
  const names = new Set(shown.map((g) => g.name));
  const option = (rows: Row[], value: (r: Row) => string | null, label: (r: Row) => string): InboxFilterOption[] => {
    const found = new Map<string, InboxFilterOption>();
    for (const r of rows) {
      const v = value(r);
      if (v === null || !names.has(r.grp)) continue;
      const seen = found.get(v) ?? { value: v, label: label(r), count: 0 };
      seen.count += r.n;
      found.set(v, seen);
    }
    return [...found.values()];
  };
  const typeOrder = workflows().map((w) => w.collection);
  const types = option(counts.filter(byService), (r) => r.collection, (r) => workflows().find((w) => w.collection === r.collection)!.label).sort(
    (a, b) => typeOrder.indexOf(a.value) - typeOrder.indexOf(b.value),
  );
  const services = option(counts.filter(byType), (r) => r.service_slug, (r) => r.service_name).sort((a, b) => a.label.localeCompare(b.label, 'fr'));

  const filtered = branches.filter((b) => !query.type || b.workflow.collection === query.type);

  // 3. Titles, authors and services of the page, one query per type on it.
  const summaries = new Map<string, Awaited<ReturnType<typeof summariesByIds>>>();
  for (const { workflow } of filtered) {
    const ids = page.filter((r) => r.collection === workflow.collection).map((r) => Number(r.id));
    if (ids.length) summaries.set(workflow.collection, await summariesByIds(strapi, workflow, ids));
  }
  const labels = workflowLabels();
  const membershipFor = (serviceId: number | undefined): Membership =>
    serviceId === undefined ? 'none' : headOf.includes(serviceId) ? 'head' : serviceIds.includes(serviceId) ? 'member' : 'none';
  const today = townToday();
  const zone = townTimeZone();
  const itemsOf = (group: InboxGroup): InboxItem[] =>
    page
      .filter((r) => r.grp === group.name)
      .flatMap((r) => {
        const workflow = branches.find((b) => b.workflow.collection === r.collection)!.workflow;
        const document = summaries.get(r.collection)?.get(Number(r.id));
        if (!document) return [];
        const actions = availableActions(workflow, document.workflowState, role, membershipFor(document.service?.id), true, document.authorId === caller.id);
        const since = new Date(r.since);
        return [
          {
            collection: workflow.collection,
            type: workflow.label,
            documentId: document.documentId,
            title: document.title,
            workflowState: document.workflowState,
            stateLabel: labels.states[document.workflowState],
            service: document.service && { documentId: document.service.documentId, name: document.service.name, slug: document.service.slug },
            updatedAt: new Date(document.updatedAt).toISOString(),
            group: group.name,
            waitingSince: since.toISOString(),
            waitingDays: Math.max(0, daysBetween(dayIn(zone, since), today)),
            lastEvent:
              group.after && r.event_action
                ? { action: r.event_action, actionLabel: labels.actions[r.event_action] ?? r.event_action, actor: r.event_actor ?? '', comment: r.event_comment, at: new Date(r.event_at).toISOString() }
                : null,
            actions: actions.map((t) => ({ action: t.action, label: labels.actions[t.action], to: t.to, commentRequired: t.commentRequired })),
          },
        ];
      });
  const groups = shown.map((g) => {
    const count = countOf(g.name);
    return { ...emptyGroup(g, groupLabels, query), count, pageCount: Math.ceil(count / query.pageSize), items: itemsOf(g) };
  });
  return { groups, total: groups.reduce((sum, g) => sum + g.count, 0), filters: { types, services }, applied };
}

function emptyGroup(group: InboxGroup, labels: Record<string, string>, query: InboxQuery) {
  return { name: group.name, label: labels[group.name], action: group.action, batch: group.batch, count: 0, page: query.page, pageSize: query.pageSize, pageCount: 0, items: [] };
}

/** Whole days from one calendar day to another ('YYYY-MM-DD'). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

import type { GroupBy, RoadmapAction, RoadmapFilters, RoadmapGroup, RoadmapResponse } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Caller } from '../access/read-scope';
import { choiceLabels } from '../platform/config/labels';
import { link, tableOf } from '../platform/db/schema';
import { preparedRows } from '../platform/db/prepared';
import { lateCondition } from './late';
import { HttpError, shown } from '../platform/http/http-error';
import { townToday } from '../platform/calendar/clock';
import { visibleServiceIds } from '../access/read-scope';

const ACTION = 'api::roadmap-action.roadmap-action';
const PRINCIPLE = 'api::charter-principle.charter-principle';

interface Row {
  id: number;
  document_id: string;
  title: string;
  owner: string;
  owner_user_id: number | null;
  priority: string;
  start_date: string | null;
  due_date: string | null;
  status: string;
  progress: number;
  workflow_state: string | null;
  late: boolean;
  service_document_id: string | null;
  service_name: string | null;
  service_slug: string | null;
  principle_document_id: string | null;
  principle_title: string | null;
  principle_order: number | null;
  criterion_code: string | null;
  criterion_title: string | null;
}

/**
 * Every action the caller may read, with its service, criterion, owner's account and principle,
 * in one query. The principle is the action's own, or else the first principle of the charter (by
 * order) that takes up the action's criterion — most actions come from an evaluation's criterion.
 * `serviceId`: the service filter, already resolved from its slug and checked visible.
 * The services are filtered on the link table (its index leads to the service's few actions) and
 * the statement is prepared: planning these ten joins cost PostgreSQL more than running them.
 */
export async function roadmapRows(
  strapi: Core.Strapi,
  visible: number[] | null,
  filters: Omit<RoadmapFilters, 'groupBy' | 'service'> & { serviceId?: number },
  today: string,
): Promise<Row[]> {
  const knex = strapi.db.connection;
  const toService = link(strapi, ACTION, 'service');
  const toCriterion = link(strapi, ACTION, 'criterion');
  const toPrinciple = link(strapi, ACTION, 'principle');
  const toOwner = link(strapi, ACTION, 'ownerUser');
  const principleCriteria = link(strapi, PRINCIPLE, 'criteria');
  const principles = tableOf(strapi, PRINCIPLE);
  const late = lateCondition(knex, 'a', today);
  const query = knex(`${tableOf(strapi, ACTION)} as a`)
    .leftJoin(`${toService.table} as las`, `las.${toService.from}`, 'a.id')
    .leftJoin(`${tableOf(strapi, 'api::service.service')} as s`, 's.id', `las.${toService.to}`)
    .leftJoin(`${toCriterion.table} as lac`, `lac.${toCriterion.from}`, 'a.id')
    .leftJoin(`${tableOf(strapi, 'api::criterion.criterion')} as c`, 'c.id', `lac.${toCriterion.to}`)
    .leftJoin(`${toOwner.table} as lao`, `lao.${toOwner.from}`, 'a.id')
    .leftJoin(`${toPrinciple.table} as lap`, `lap.${toPrinciple.from}`, 'a.id')
    .leftJoin(`${principles} as p`, 'p.id', `lap.${toPrinciple.to}`)
    .joinRaw(
      `left join lateral (
         select cp.document_id, cp.title, cp."order" from ?? pcl join ?? cp on cp.id = pcl.??
         where pcl.?? = c.id order by cp."order" nulls last, cp.id limit 1
       ) as pc on p.id is null`,
      [principleCriteria.table, principles, principleCriteria.from, principleCriteria.to],
    )
    .modify((q) => {
      // One text whatever the number of services (a prepared statement per list length otherwise).
      if (filters.serviceId !== undefined) q.where(`las.${toService.to}`, filters.serviceId);
      // (An array literal: knex would spread a JS array into a list of placeholders.)
      else if (visible) q.whereRaw('las.?? = any(?::integer[])', [toService.to, `{${visible.map(Number).join(',')}}`]);
      if (filters.status) q.where('a.action_status', filters.status);
      if (filters.late !== undefined) q.where(filters.late ? late : knex.raw('not ?', [late]));
    })
    .select(
      'a.id', 'a.document_id', 'a.title', 'a.owner', 'a.priority', 'a.action_status as status', 'a.progress', 'a.workflow_state',
      `lao.${toOwner.to} as owner_user_id`,
      knex.raw(`to_char(a.start_date, 'YYYY-MM-DD') as start_date`),
      knex.raw(`to_char(a.due_date, 'YYYY-MM-DD') as due_date`),
      knex.raw('? as late', [late]),
      's.document_id as service_document_id', 's.name as service_name', 's.slug as service_slug',
      knex.raw('coalesce(p.document_id, pc.document_id) as principle_document_id'),
      knex.raw('coalesce(p.title, pc.title) as principle_title'),
      knex.raw('coalesce(p."order", pc."order") as principle_order'),
      'c.code as criterion_code', 'c.title as criterion_title',
    )
    .orderByRaw('a.due_date asc nulls last, a.title asc, a.id asc');
  return preparedRows<Row>(knex, query);
}

export function describeAction(r: Row): RoadmapAction {
  const labels = choiceLabels();
  const state = r.workflow_state ?? 'draft';
  return {
    documentId: r.document_id,
    title: r.title,
    owner: r.owner,
    ownerHasAccount: r.owner_user_id !== null,
    priority: r.priority,
    priorityLabel: labels[r.priority] ?? r.priority,
    startDate: r.start_date,
    dueDate: r.due_date,
    status: r.status,
    statusLabel: labels[r.status] ?? r.status,
    progress: Number(r.progress ?? 0),
    late: Boolean(r.late),
    workflowState: state,
    workflowStateLabel: labels[state] ?? state,
    service: r.service_document_id ? { documentId: r.service_document_id, name: r.service_name!, slug: r.service_slug! } : null,
    principle: r.principle_document_id ? { documentId: r.principle_document_id, title: r.principle_title!, order: r.principle_order } : null,
    criterion: r.criterion_code ? { code: r.criterion_code, title: r.criterion_title ?? '' } : null,
  };
}

/** Groups in reading order: principles by their order in the charter, services by name; the unassigned last. */
export function groupActions(actions: RoadmapAction[], groupBy: GroupBy): RoadmapGroup[] {
  const groups = new Map<string, RoadmapGroup & { sort: [number, number | string] }>();
  for (const action of actions) {
    const [key, label, sort]: [string, string, [number, number | string]] =
      groupBy === 'principle'
        ? action.principle
          ? [`principle:${action.principle.documentId}`, action.principle.title, [0, action.principle.order ?? Number.MAX_SAFE_INTEGER]]
          : ['principle:none', 'Sans principe de la charte', [1, 0]]
        : action.service
          ? [`service:${action.service.slug}`, action.service.name, [0, action.service.name]]
          : ['service:none', 'Sans service', [1, '']];
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, label, actions: [], counts: { total: 0, late: 0, done: 0 }, sort }));
    group.actions.push(action);
    group.counts.total += 1;
    if (action.late) group.counts.late += 1;
    if (action.status === 'abouti') group.counts.done += 1;
  }
  const compare = (a: [number, number | string], b: [number, number | string]) =>
    a[0] - b[0] || (typeof a[1] === 'number' && typeof b[1] === 'number' ? a[1] - b[1] : String(a[1]).localeCompare(String(b[1]), 'fr'));
  return [...groups.values()].sort((a, b) => compare(a.sort, b.sort) || a.label.localeCompare(b.label, 'fr')).map(({ sort: _sort, ...group }) => group);
}

/** The id of the service filter; refuses a service the caller cannot see exactly as one that does not exist (no existence leak). */
async function serviceFilter(strapi: Core.Strapi, slug: string | undefined, visible: number[] | null): Promise<number | undefined> {
  if (!slug) return undefined;
  const service = await strapi.db.connection(tableOf(strapi, 'api::service.service')).where('slug', slug).first('id');
  if (!service || (visible && !visible.includes(service.id))) throw new HttpError(400, `Service inconnu : ${shown(slug)}.`);
  return service.id as number;
}

/** The caller's actions, filtered, for GET /api/roadmap and its export. */
export async function roadmapFor(strapi: Core.Strapi, caller: Caller, filters: RoadmapFilters, now = new Date()) {
  const visible = await visibleServiceIds(strapi, caller);
  const { service, ...rest } = filters;
  const serviceId = await serviceFilter(strapi, service, visible);
  const today = townToday(now);
  const actions = (await roadmapRows(strapi, visible, { ...rest, serviceId }, today)).map(describeAction);
  return { actions, today };
}

/** GET /api/roadmap: the actions grouped by principle or by service. */
export async function roadmapOverview(strapi: Core.Strapi, caller: Caller, filters: RoadmapFilters, now = new Date()): Promise<RoadmapResponse> {
  const { actions, today } = await roadmapFor(strapi, caller, filters, now);
  return {
    data: groupActions(actions, filters.groupBy),
    meta: {
      today,
      groupBy: filters.groupBy,
      filters: { service: filters.service ?? null, status: filters.status ?? null, late: filters.late ?? null },
      total: actions.length,
      late: actions.filter((a) => a.late).length,
    },
  };
}

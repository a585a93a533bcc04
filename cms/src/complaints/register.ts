import { REGISTER_STATES, type RegisterPage, type RegisterRow, type RegisterState } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Caller } from '../access/read-scope';
import { link, tableOf } from '../platform/db/schema';
import { complaintsConfig } from './complaints-config';
import { COMPLAINT, complaintsWithDue, serviceColumn, serviceParam, visibleServices } from './sql';
import { HttpError } from '../platform/http/http-error';
import { townToday } from '../platform/calendar/clock';
import { daysBetween, type IsoDate } from '../platform/calendar/days';

const PAGE_SIZE = 100;

/** The public reference of a complaint: the one the citizen receives on submission. */
export function complaintReference(id: number, receivedAt: IsoDate): string {
  return `REC-${receivedAt.slice(0, 4)}-${String(id).padStart(5, '0')}`;
}

const day = (value: unknown): IsoDate | null => {
  if (!value) return null;
  if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
};

/**
 * GET /api/complaints-register: the register as staff work it — open complaints first, those
 * closest to (or furthest past) their deadline on top. Only the caller's services (all of them for
 * the référent qualité and the DGS); contact details are not part of the list.
 */
export async function complaintRegister(strapi: Core.Strapi, caller: Caller | undefined, params: { state?: unknown; service?: unknown; page?: unknown }): Promise<RegisterPage> {
  const visible = await visibleServices(strapi, caller);
  const state = (params.state ?? 'open') as RegisterState;
  if (!REGISTER_STATES.includes(state)) throw new HttpError(400, 'État inconnu : les valeurs possibles sont open (en attente de réponse), overdue (en retard), answered (répondues) et all (toutes).');
  const serviceId = serviceParam(params.service, visible);
  const page = params.page === undefined ? 1 : Number(params.page);
  if (!Number.isInteger(page) || page < 1 || page > 10_000) throw new HttpError(400, 'Numéro de page invalide.');
  const today = townToday();
  const knex = strapi.db.connection;
  const toService = link(strapi, COMPLAINT, 'service');

  // The receipt dates the deadline table must cover, for the rows this filter can return.
  const bounds = knex(`${tableOf(strapi, COMPLAINT)} as c`).leftJoin(`${toService.table} as cs`, `cs.${toService.from}`, 'c.id');
  const scope = (query: typeof bounds) => {
    if (visible) query.whereIn(`cs.${toService.to}`, visible.length ? visible : [0]);
    if (serviceId !== undefined) query.where(`cs.${toService.to}`, serviceId);
    if (state === 'open' || state === 'overdue') query.whereNull('c.answered_at');
    if (state === 'answered') query.whereNotNull('c.answered_at');
    return query;
  };
  const range = (await scope(bounds).min('c.received_at as first').max('c.received_at as last').first()) as { first: unknown; last: unknown } | undefined;
  const first = day(range?.first);
  const last = day(range?.last);
  if (!first || !last) return { data: [], meta: { total: 0, page, pageSize: PAGE_SIZE, today, deadlineDays: complaintsConfig().deadline.days } };

  const query = scope(complaintsWithDue(strapi, first, last))
    .leftJoin(`${tableOf(strapi, 'api::service.service')} as s`, 's.id', serviceColumn(strapi));
  if (state === 'overdue') query.where('d.due', '<', today);
  const total = Number(((await query.clone().count({ n: '*' }).first()) as { n: string | number }).n);
  const rows = await query
    .select('c.id', 'c.document_id', 'c.kind', 'c.channel', 'c.subject', 'c.received_at', 'c.acknowledged_at', 'c.answered_at', 'd.due', 's.id as service_id', 's.name as service_name')
    .orderByRaw('(c.answered_at is null) desc, case when c.answered_at is null then d.due end asc, c.answered_at desc, c.id desc')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);

  const dueSoonDays = complaintsConfig().reminders.daysBeforeDue;
  const data: RegisterRow[] = rows.map((r: Record<string, unknown>) => {
    const dueDate = day(r.due)!;
    const receivedAt = day(r.received_at)!;
    const answeredAt = day(r.answered_at);
    const daysLeft = answeredAt ? null : daysBetween(today, dueDate);
    const status: RegisterRow['status'] = answeredAt
      ? answeredAt <= dueDate
        ? 'answered-in-time'
        : 'answered-late'
      : daysLeft! < 0
        ? 'overdue'
        : daysLeft! <= dueSoonDays
          ? 'due-soon'
          : 'open';
    return {
      documentId: r.document_id as string,
      reference: complaintReference(r.id as number, receivedAt),
      kind: r.kind as string,
      channel: r.channel as string,
      subject: r.subject as string,
      receivedAt,
      acknowledgedAt: day(r.acknowledged_at),
      answeredAt,
      dueDate,
      service: r.service_id ? { id: r.service_id as number, name: r.service_name as string } : null,
      status,
      daysLeft,
    };
  });
  return { data, meta: { total, page, pageSize: PAGE_SIZE, today, deadlineDays: complaintsConfig().deadline.days } };
}

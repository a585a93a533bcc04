import type { Core } from '@strapi/strapi';
import { type Caller } from '../access/read-scope';
import { link, tableOf } from '../platform/db/schema';
import { deadlineRulesFor } from './complaints-config';
import { deadlineTable } from './deadline';
import { HttpError } from '../platform/http/http-error';
import { COMPLAINT_KINDS } from '@charte/contract';
import { type IsoDate } from '../platform/calendar/days';
import { servicesOrRefuse } from '../access/read-scope';

export const COMPLAINT = 'api::complaint.complaint';

type Knex = Core.Strapi['db']['connection'];

/**
 * The complaints' table, aliased `c`, with its service id as `service_id` (null when not yet
 * assigned) and its due date as `due`: the due date of every receipt date in [from, to] is computed
 * by deadline.ts (one source of truth for the arithmetic) for each kind (an accessibility request
 * has its own deadline) and joined as a small table, so that counts and delays stay in SQL.
 */
export function complaintsWithDue(strapi: Core.Strapi, from: IsoDate, to: IsoDate) {
  const knex: Knex = strapi.db.connection;
  const received: IsoDate[] = [];
  const kinds: string[] = [];
  const due: IsoDate[] = [];
  for (const kind of COMPLAINT_KINDS) {
    const table = deadlineTable(from, to, deadlineRulesFor(kind));
    received.push(...table.received);
    due.push(...table.due);
    kinds.push(...table.received.map(() => kind));
  }
  const toService = link(strapi, COMPLAINT, 'service');
  return knex
    .from(`${tableOf(strapi, COMPLAINT)} as c`)
    .join(knex.raw('unnest(?::date[], ?::text[], ?::date[]) as d(received, kind, due)', [received, kinds, due]), (on) =>
      on.on('d.received', '=', 'c.received_at').andOn('d.kind', '=', 'c.kind'),
    )
    .leftJoin(`${toService.table} as cs`, `cs.${toService.from}`, 'c.id')
    .whereBetween('c.received_at', [from, to]);
}

/** The service column of complaintsWithDue's join (named after the join table's own column). */
export function serviceColumn(strapi: Core.Strapi): string {
  return `cs.${link(strapi, COMPLAINT, 'service').to}`;
}

/**
 * Which services' complaints the caller may see: null for every complaint (readScope all), or the
 * ids of their own services. A role that reads no service gets 403.
 */
export function visibleServices(strapi: Core.Strapi, caller: Caller | undefined): Promise<number[] | null> {
  return servicesOrRefuse(strapi, caller, 'Votre rôle ne donne pas accès au registre des réclamations.');
}

/** Year parameter (?year=2026), or the current one. */
export function yearParam(value: unknown, today: IsoDate): number {
  if (value === undefined || value === '') return Number(today.slice(0, 4));
  if (typeof value !== 'string' || !/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100) {
    throw new HttpError(400, 'Année invalide : indiquez-la sur quatre chiffres (ex. year=2026).');
  }
  return Number(value);
}

/** Service parameter (?service=<id>), checked against what the caller sees. */
export function serviceParam(value: unknown, visible: number[] | null): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) throw new HttpError(400, 'Service invalide : indiquez son identifiant numérique (ex. service=3).');
  const id = Number(value);
  if (visible && !visible.includes(id)) throw new HttpError(404, 'Service introuvable ou hors de votre périmètre.');
  return id;
}

import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { link, tableOf } from '../platform/db/schema';
import { NAME_COLUMNS, personName, type Nameable } from '../platform/people/person-name';

const USER = 'plugin::users-permissions.user';

/** Someone a mail is addressed to, named as the product names people. */
export interface Recipient {
  email: string;
  name: string;
}

const recipientOf = (row: Nameable & { email: string }): Recipient => ({ email: row.email, name: personName(row) });

/** The accounts of a role of config/roles.yaml that may receive mail: none blocked, each with an address. */
export async function activeMembersOfRole(strapi: Core.Strapi, role: string): Promise<Recipient[]> {
  const rows = (await strapi.db.query(USER).findMany({
    select: ['email', ...NAME_COLUMNS],
    where: { role: { type: role }, blocked: { $ne: true }, email: { $notNull: true } },
  })) as (Nameable & { email: string })[];
  return rows.map(recipientOf);
}

/** The heads of each of these services who may receive mail (none blocked, each with an address). */
export async function activeHeadsOf(strapi: Core.Strapi, serviceIds: number[], knex: Knex = strapi.db.connection): Promise<Map<number, Recipient[]>> {
  const byService = new Map<number, Recipient[]>();
  if (!serviceIds.length) return byService;
  const heads = link(strapi, 'api::service.service', 'heads');
  const rows: (Nameable & { service_id: number; email: string })[] = await knex(`${heads.table} as h`)
    .join(`${tableOf(strapi, USER)} as u`, 'u.id', `h.${heads.to}`)
    .whereIn(`h.${heads.from}`, serviceIds)
    .where((q) => q.whereNull('u.blocked').orWhere('u.blocked', false))
    .whereNotNull('u.email')
    .select(`h.${heads.from} as service_id`, 'u.email', ...NAME_COLUMNS.map((c) => `u.${c}`));
  for (const row of rows) byService.set(row.service_id, [...(byService.get(row.service_id) ?? []), recipientOf(row)]);
  return byService;
}

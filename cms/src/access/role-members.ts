import type { Core } from '@strapi/strapi';

/** Someone a mail is addressed to. */
export interface Recipient {
  email: string;
  username: string;
}

/** The accounts of a role of config/roles.yaml that may receive mail: none blocked. */
export async function activeMembersOfRole(strapi: Core.Strapi, role: string): Promise<Recipient[]> {
  return (await strapi.db.query('plugin::users-permissions.user').findMany({
    select: ['email', 'username'],
    where: { role: { type: role }, blocked: { $ne: true } },
  })) as Recipient[];
}

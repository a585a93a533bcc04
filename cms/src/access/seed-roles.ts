import type { Core } from '@strapi/strapi';
import { rolesConfig } from './roles-config';

const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';

/**
 * Makes the users-permissions roles match config/roles.yaml exactly: missing roles are created,
 * names and descriptions updated, and each role's permissions set to the listed actions (extra
 * ones removed). Also turns public self-registration off. Safe to run at every boot.
 */
export async function seedRoles(strapi: Core.Strapi): Promise<void> {
  const config = rolesConfig();
  for (const [type, role] of Object.entries(config.roles)) {
    const existing = await strapi.db.query(ROLE).findOne({ where: { type } });
    const record = existing
      ? await strapi.db.query(ROLE).update({ where: { id: existing.id }, data: { name: role.name, description: role.description } })
      : await strapi.db.query(ROLE).create({ data: { type, name: role.name, description: role.description } });

    const wanted = new Set(
      Object.entries(role.permissions).flatMap(([subject, actions]) => actions.map((action) => `${subject}.${action}`)),
    );
    const current: { id: number; action: string }[] = await strapi.db
      .query(PERMISSION)
      .findMany({ select: ['id', 'action'], where: { role: { id: record.id } } });
    const stale = current.filter((p) => !wanted.has(p.action)).map((p) => p.id);
    if (stale.length) await strapi.db.query(PERMISSION).deleteMany({ where: { id: { $in: stale } } });
    const have = new Set(current.map((p) => p.action));
    for (const action of wanted) {
      if (!have.has(action)) await strapi.db.query(PERMISSION).create({ data: { action, role: record.id } });
    }
  }

  const advanced = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const settings = ((await advanced.get()) ?? {}) as Record<string, unknown>;
  await advanced.set({
    value: { ...settings, allow_register: false, email_confirmation: false, default_role: 'authenticated', unique_email: true },
  });
}

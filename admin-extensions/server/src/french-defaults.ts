import type { Core } from '@strapi/strapi';

/**
 * Strapi's own admin roles, created in English at first boot, found by code. « Super Admin » keeps
 * its name: config/roles.yaml (adminPanelRoles) refers to it.
 */
const DEFAULT_ROLES: Record<string, { name?: string; description: string }> = {
  'strapi-super-admin': { description: 'Accès complet : tous les contenus, les réglages et les comptes.' },
  'strapi-editor': { name: 'Éditeur', description: 'Gère et publie tous les contenus, y compris ceux des autres.' },
  'strapi-author': { name: 'Auteur', description: 'Gère les contenus qu’il a créés.' },
};

/**
 * What Strapi itself names in English and an employee reads in the panel: the descriptions of the
 * default admin roles, and the users-permissions « User » type in the Content Manager. Idempotent.
 */
export function frenchUserType(strapi: Core.Strapi): void {
  const user = strapi.contentTypes['plugin::users-permissions.user'] as unknown as { info: { displayName: string; description?: string } } | undefined;
  if (user) user.info = { ...user.info, displayName: 'Utilisateur', description: 'Compte de l’application (agents, chefs de service, référent qualité, DGS)' };
}

export async function frenchDefaultRoles(strapi: Core.Strapi): Promise<void> {
  for (const [code, data] of Object.entries(DEFAULT_ROLES)) {
    await strapi.db.query('admin::role').update({ where: { code }, data });
  }
}

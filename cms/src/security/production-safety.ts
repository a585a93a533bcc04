import type { Core } from '@strapi/strapi';

export const DEMO_EMAIL_DOMAIN = '@demo.local';

/**
 * The demo accounts share a password printed in the README: in production, any usable one would be
 * an open door. Boot stops, naming them, until they are deleted or blocked (users-permissions
 * « Bloqué », admin panel « Actif » unchecked). Checked on the e-mail domain, whatever the password:
 * nobody real has a « @demo.local » address.
 */
export async function usableDemoAccounts(strapi: Core.Strapi): Promise<string[]> {
  const like = { $endsWithi: DEMO_EMAIL_DOMAIN };
  const users = (await strapi.db.query('plugin::users-permissions.user').findMany({
    where: { email: like, $or: [{ blocked: false }, { blocked: { $null: true } }] },
    select: ['email'],
  })) as { email: string }[];
  const admins = (await strapi.db.query('admin::user').findMany({
    where: { email: like, isActive: true, $or: [{ blocked: false }, { blocked: { $null: true } }] },
    select: ['email'],
  })) as { email: string }[];
  return [...users, ...admins].map((u) => u.email).sort();
}

export async function refuseDemoAccountsInProduction(strapi: Core.Strapi, nodeEnv = process.env.NODE_ENV): Promise<void> {
  if (nodeEnv !== 'production') return;
  const accounts = await usableDemoAccounts(strapi);
  if (!accounts.length) return;
  throw new Error(
    `Démarrage refusé en production : ${accounts.length} compte(s) de démonstration utilisable(s) (mot de passe public) :\n- ${accounts.join('\n- ')}\n` +
      'Supprimez-les ou bloquez-les (ou partez d’une base vide) avant de démarrer avec NODE_ENV=production.',
  );
}

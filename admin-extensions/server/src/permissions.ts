import type { Core } from '@strapi/strapi';

/**
 * Admin-panel permissions of this plugin, granted per admin role in Paramètres → Rôles
 * (the super admin has them all). Routes check them with `admin::hasPermissions`.
 */
export const PERMISSIONS = {
  referentialImport: 'plugin::charte-admin.referential.import',
  campaignBuild: 'plugin::charte-admin.campaign.build',
  mailsManage: 'plugin::charte-admin.mails.manage',
} as const;

export function registerAdminPermissions(strapi: Core.Strapi): void {
  const actions = [
    { uid: 'referential.import', displayName: 'Importer et exporter le référentiel (Excel, CSV)' },
    { uid: 'campaign.build', displayName: 'Créer une campagne d’évaluation' },
    { uid: 'mails.manage', displayName: 'Consulter les courriels envoyés et renvoyer ceux en échec' },
  ];
  strapi.service('admin::permission').actionProvider.registerMany(
    actions.map((a) => ({ ...a, section: 'plugins', pluginName: 'charte-admin' })),
  );
}

/** The policies of an admin route that needs `action`. */
export const requires = (action: string) => [
  'admin::isAuthenticatedAdmin',
  { name: 'admin::hasPermissions', config: { actions: [action] } },
];

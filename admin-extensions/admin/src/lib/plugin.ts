export const PLUGIN_ID = 'charte-admin';

/** Admin-panel permissions declared by the plugin's server part (server/src/permissions.ts). */
export const PERMISSIONS = {
  referentialImport: 'plugin::charte-admin.referential.import',
  campaignBuild: 'plugin::charte-admin.campaign.build',
  mailsManage: 'plugin::charte-admin.mails.manage',
} as const;

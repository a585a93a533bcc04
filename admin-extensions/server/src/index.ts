import type { Core } from '@strapi/strapi';
import { applyFrenchLabels } from './apply-french-labels';
import { frenchDefaultRoles, frenchUserType } from './french-defaults';
import { registerAdminPermissions } from './permissions';
import campaignsController from './campaigns/controller';
import { campaignRoutes } from './campaigns/routes';
import dashboardController from './dashboard/controller';
import { dashboardRoutes } from './dashboard/routes';
import mailsController from './mails/controller';
import { mailRoutes } from './mails/routes';
import referentialController from './referential/controller';
import { referentialRoutes } from './referential/routes';
import reportsController from './reports/controller';
import { reportRoutes } from './reports/routes';
import workflowController from './workflow/controller';
import { workflowRoutes } from './workflow/routes';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerAdminPermissions(strapi);
    frenchUserType(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await applyFrenchLabels(strapi);
    await frenchDefaultRoles(strapi);
  },
  // Admin routes (admin JWT, mounted under /charte-admin); each feature declares its own.
  routes: {
    admin: {
      type: 'admin',
      routes: [...workflowRoutes, ...referentialRoutes, ...campaignRoutes, ...dashboardRoutes, ...reportRoutes, ...mailRoutes],
    },
  },
  controllers: {
    workflow: workflowController,
    referential: referentialController,
    campaigns: campaignsController,
    dashboard: dashboardController,
    reports: reportsController,
    mails: mailsController,
  },
};

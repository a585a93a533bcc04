import type { Core } from '@strapi/strapi';
import { seedRoles } from './access/seed-roles';
import { seedDemoTown } from './demo/seed-demo';
import { checkBusinessRules } from './validation/business-rules';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // One place for the rules that must hold whatever the door: REST, admin panel or scripts.
    strapi.documents.use(async (context, next) => {
      await checkBusinessRules(strapi, context.uid, context.action, context.params as never);
      return next();
    });
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await seedRoles(strapi);
    await seedDemoTown(strapi);
  },
};

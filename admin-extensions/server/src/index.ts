import type { Core } from '@strapi/strapi';
import { applyFrenchLabels } from './apply-french-labels';

export default {
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await applyFrenchLabels(strapi);
  },
};

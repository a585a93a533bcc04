import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // French is offered first: the staff who use the panel read French.
    locales: ['fr'],
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};

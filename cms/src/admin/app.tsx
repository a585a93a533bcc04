import type { StrapiApp } from '@strapi/strapi/admin';
// Strapi's own French leaves hundreds of admin strings in English; checked by test/unit/admin-translations.test.ts.
import frComplements from './translations/fr-complements.json';

export default {
  config: {
    // French is offered first: the staff who use the panel read French.
    locales: ['fr'],
    translations: { fr: frComplements },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {
    // Strapi shows English until a user with a preferred language logs in: the login page must be French too.
    if (!localStorage.getItem('strapi-admin-language')) localStorage.setItem('strapi-admin-language', 'fr');
  },
};

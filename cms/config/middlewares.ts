export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'global::reject-nul',
  'strapi::session',
  'strapi::favicon',
  // The French front, on the same port as the API (front/dist).
  'global::front',
  'strapi::public',
];

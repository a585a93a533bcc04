/** The password of every account of the demo town (cms/src/demo). A module of its own: suites that run the cms in child processes need it without loading Strapi. */
export const DEMO_PASSWORD = 'Charte-Accueil-2026';

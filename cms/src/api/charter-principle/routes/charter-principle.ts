import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::charter-principle.charter-principle');

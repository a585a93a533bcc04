import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::roadmap-action.roadmap-action');

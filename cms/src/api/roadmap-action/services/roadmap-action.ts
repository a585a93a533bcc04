import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::roadmap-action.roadmap-action');

import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::workflow-event.workflow-event');

import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::workflow-event.workflow-event');

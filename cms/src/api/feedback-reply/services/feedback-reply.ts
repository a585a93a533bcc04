import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::feedback-reply.feedback-reply');

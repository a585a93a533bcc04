import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::feedback-reply.feedback-reply');

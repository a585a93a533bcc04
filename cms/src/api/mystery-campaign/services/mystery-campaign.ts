import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::mystery-campaign.mystery-campaign');

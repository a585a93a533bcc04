import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::mystery-grid.mystery-grid');

import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::mystery-test.mystery-test');

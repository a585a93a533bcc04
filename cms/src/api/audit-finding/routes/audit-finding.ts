import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::audit-finding.audit-finding');

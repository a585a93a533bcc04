import { factories } from '@strapi/strapi';

// Append-only: the history is written by the workflow engine, never through this API.
export default factories.createCoreRouter('api::workflow-event.workflow-event', { only: ['find', 'findOne'] });

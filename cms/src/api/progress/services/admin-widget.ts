import type { CmsServices } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { progressOfServices } from '../../../progress/progress';

/**
 * The admin panel's homepage widget (admin-extensions): progress of every service in the latest
 * campaign. Administrators who may read evaluations see all services, as the DGS does.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  currentCampaign: () => progressOfServices(strapi, null),
}) satisfies CmsServices['api::progress.admin-widget'];

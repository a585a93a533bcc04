import type { CmsServices } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { nextAuditReadiness } from '../../../progress/readiness';

/** The admin panel's « Prêt pour l’audit ? » widget (admin-extensions): every service of the audited campaign. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  nextAudit: () => nextAuditReadiness(strapi),
}) satisfies CmsServices['api::audit-finding.admin-readiness'];

import type { CmsServices } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { listMails, retryMail } from '../../../operations/mail-log';

/** The panel's « Courriels » page (charte-admin plugin), which checks its own permission. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  list(query: Record<string, unknown>) {
    return listMails(strapi, query);
  },
  retry(body: unknown) {
    return retryMail(strapi, body);
  },
}) satisfies CmsServices['api::mail.admin-mails'];

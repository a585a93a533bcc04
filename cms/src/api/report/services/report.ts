import type { CmsServices } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { tableOf, type Row } from '../../../platform/db/schema';
import { campaignServices } from '../../../reports/report-queries';
import { evaluationReportFile, synthesisFile } from '../../../reports/report-files';

/**
 * The reports as the admin panel asks for them (charte-admin plugin): the panel checks its own
 * permission (reading evaluations), so no service scoping applies here.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  evaluationPdf(query: Record<string, unknown>) {
    return evaluationReportFile(strapi, query, async () => undefined);
  },

  synthesisPdf(query: Record<string, unknown>) {
    return synthesisFile(strapi, query, async () => undefined);
  },

  /** Every campaign (newest first) with its services: what the panel's « Rapports » page lists. */
  async catalog() {
    const campaigns = await strapi.db
      .connection(tableOf(strapi, 'api::campaign.campaign'))
      .orderBy([{ column: 'start_date', order: 'desc' }, { column: 'id', order: 'desc' }])
      .select('id', 'document_id', 'name', 'start_date');
    return Promise.all(
      campaigns.map(async (c: Row) => ({
        documentId: c.document_id as string,
        name: c.name as string,
        startDate: c.start_date as string | null,
        services: (await campaignServices(strapi, c.id)).map((s) => ({ name: s.name, slug: s.slug })),
      })),
    );
  },
}) satisfies CmsServices['api::report.report'];

import type { ImportCounts, ImportReport } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { auditedRowWriter } from '../audit/bulk-entries';
import { tableOf } from '../platform/db/schema';
import { planImport, UID, type ImportPlan, type PlanStatus } from './import-plan';
import type { ReferentialLibrary } from './library-format';

function count(items: { status: PlanStatus }[]): ImportCounts {
  const counts = { added: 0, updated: 0, unchanged: 0 };
  for (const item of items) counts[item.status] += 1;
  return counts;
}

/** Numeric ids of documents by documentId (bulk link rows point at ids). */
async function idsOf(trx: Knex.Transaction, strapi: Core.Strapi, uid: string, documentIds: string[]): Promise<Map<string, number>> {
  if (!documentIds.length) return new Map();
  const rows = await trx(tableOf(strapi, uid)).whereIn('document_id', [...new Set(documentIds)]).select('id', 'document_id');
  return new Map(rows.map((r: { id: number; document_id: string }) => [r.document_id, r.id]));
}

/**
 * Writes what the plan says: creates what is added, rewrites what is updated, leaves the rest.
 * The référentiel, its themes and every update go through the Document Service; added criteria
 * and indicators — a new référentiel brings hundreds — are written in bulk with the rows the
 * Document Service would have written (the plan has already checked them).
 */
export async function executePlan(strapi: Core.Strapi, trx: Knex.Transaction, plan: ImportPlan): Promise<ImportReport> {
  const docs = strapi.documents;
  const write = async (uid: (typeof UID)[keyof typeof UID], item: { documentId?: string; status: PlanStatus }, data: Record<string, unknown>) => {
    if (item.status === 'added') return ((await docs(uid).create({ data: data as never })) as { documentId: string }).documentId;
    if (item.status === 'updated') await docs(uid).update({ documentId: item.documentId!, data: data as never });
    return item.documentId!;
  };

  const referentialId = await write(UID.referential, plan.referential, plan.referential.data);
  const themeIds = new Map<string, string>();
  for (const theme of plan.themes) {
    themeIds.set(theme.code, await write(UID.theme, theme, { ...theme.data, referential: referentialId }));
  }

  const criterionIds = new Map<string, string>();
  const addedCriteria = plan.criteria.filter((c) => c.status === 'added');
  if (addedCriteria.length) {
    const themeRowIds = await idsOf(trx, strapi, UID.theme, [...themeIds.values()]);
    const serviceRowIds = await idsOf(trx, strapi, UID.service, addedCriteria.flatMap((c) => c.serviceIds));
    const written = await auditedRowWriter(strapi, trx, UID.criterion, null).insert(
      addedCriteria.map((criterion) => ({
        data: criterion.data,
        links: {
          theme: [themeRowIds.get(themeIds.get(criterion.themeCode)!)!],
          applicableServices: [...new Set(criterion.serviceIds)].map((documentId) => serviceRowIds.get(documentId)!),
        },
      })),
    );
    addedCriteria.forEach((criterion, i) => criterionIds.set(criterion.code, written[i].documentId));
  }
  for (const criterion of plan.criteria.filter((c) => c.status !== 'added')) {
    const data = { ...criterion.data, theme: themeIds.get(criterion.themeCode), applicableServices: [...new Set(criterion.serviceIds)] };
    criterionIds.set(criterion.code, await write(UID.criterion, criterion, data));
  }

  const addedIndicators = plan.indicators.filter((i) => i.status === 'added');
  if (addedIndicators.length) {
    const criterionRowIds = await idsOf(trx, strapi, UID.criterion, addedIndicators.map((i) => criterionIds.get(i.criterionCode)!));
    await auditedRowWriter(strapi, trx, UID.indicator, null).insert(
      addedIndicators.map((indicator) => ({ data: indicator.data, links: { criterion: [criterionRowIds.get(criterionIds.get(indicator.criterionCode)!)!] } })),
    );
  }
  for (const indicator of plan.indicators.filter((i) => i.status !== 'added')) {
    await write(UID.indicator, indicator, { ...indicator.data, criterion: criterionIds.get(indicator.criterionCode) });
  }
  return {
    referential: {
      documentId: referentialId,
      code: plan.referential.data.code,
      name: plan.referential.data.name,
      created: plan.referential.status === 'added',
    },
    counts: { themes: count(plan.themes), criteria: count(plan.criteria), indicators: count(plan.indicators) },
    warnings: plan.criteria.flatMap((c) => c.unknownServices.map((slug) => `${c.code} : le service « ${slug} » n’existe pas, il est ignoré.`)),
  };
}

/**
 * Creates or updates a référentiel from a library, matching themes, criteria and indicators by code
 * within the référentiel: importing the same file twice changes nothing and never duplicates.
 * Runs in one transaction: any error leaves the database as it was.
 */
export async function importReferential(strapi: Core.Strapi, library: ReferentialLibrary): Promise<ImportReport> {
  return strapi.db.transaction(async ({ trx }) => executePlan(strapi, trx as unknown as Knex.Transaction, await planImport(strapi, library)));
}

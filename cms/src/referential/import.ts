import type { Core } from '@strapi/strapi';
import { planImport, UID, type ImportPlan, type PlanStatus } from './import-plan';
import type { ReferentialLibrary } from './library-format';

type Kind = 'themes' | 'criteria' | 'indicators';
export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}
export interface ImportReport {
  referential: { documentId: string; code: string; name: string; created: boolean };
  counts: Record<Kind, ImportCounts>;
  warnings: string[];
}

function count(items: { status: PlanStatus }[]): ImportCounts {
  const counts = { added: 0, updated: 0, unchanged: 0 };
  for (const item of items) counts[item.status] += 1;
  return counts;
}

/** Writes what the plan says: creates what is added, rewrites what is updated, leaves the rest. */
export async function executePlan(strapi: Core.Strapi, plan: ImportPlan): Promise<ImportReport> {
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
  for (const criterion of plan.criteria) {
    const data = { ...criterion.data, theme: themeIds.get(criterion.themeCode), applicableServices: [...new Set(criterion.serviceIds)] };
    criterionIds.set(criterion.code, await write(UID.criterion, criterion, data));
  }
  for (const indicator of plan.indicators) {
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
  return strapi.db.transaction(async () => executePlan(strapi, await planImport(strapi, library)));
}

import type { Core } from '@strapi/strapi';
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

const THEME = 'api::theme.theme';
const CRITERION = 'api::criterion.criterion';
const INDICATOR = 'api::indicator.indicator';
const REFERENTIAL = 'api::referential.referential';

interface Existing {
  documentId: string;
  [field: string]: unknown;
}

/** Fields compared to decide between "updated" and "unchanged"; relations are compared by documentId. */
function differs(current: Existing, wanted: Record<string, unknown>): boolean {
  return Object.entries(wanted).some(([key, value]) => {
    const now = current[key];
    if (Array.isArray(value)) {
      const ids = Array.isArray(now) ? now.map((r: Existing) => r.documentId).sort() : [];
      return JSON.stringify(ids) !== JSON.stringify([...value].sort());
    }
    if (now && typeof now === 'object' && 'documentId' in now) return (now as Existing).documentId !== value;
    if (typeof value === 'number') return Number(now) !== value;
    return (now ?? null) !== (value ?? null);
  });
}

/**
 * Creates or updates a référentiel from a library, matching themes, criteria and indicators by code
 * within the référentiel: importing the same file twice changes nothing and never duplicates.
 * Runs in one transaction: any error leaves the database as it was.
 */
export async function importReferential(strapi: Core.Strapi, library: ReferentialLibrary): Promise<ImportReport> {
  return strapi.db.transaction(async () => {
    const counts: Record<Kind, ImportCounts> = {
      themes: { added: 0, updated: 0, unchanged: 0 },
      criteria: { added: 0, updated: 0, unchanged: 0 },
      indicators: { added: 0, updated: 0, unchanged: 0 },
    };
    const warnings: string[] = [];
    const docs = strapi.documents;

    const refData = {
      code: library.referential.code,
      name: library.referential.name,
      version: library.referential.version,
      source: library.referential.source,
      description: library.referential.description,
    };
    let referential = (await docs(REFERENTIAL).findFirst({
      filters: { code: refData.code },
      fields: ['code', 'name', 'version', 'source', 'description'],
    })) as Existing | null;
    const created = !referential;
    if (!referential) referential = (await docs(REFERENTIAL).create({ data: refData })) as Existing;
    else if (differs(referential, refData)) await docs(REFERENTIAL).update({ documentId: referential.documentId, data: refData });
    const inReferential = { referential: { documentId: referential.documentId } };

    const [themes, criteria, indicators, services] = await Promise.all([
      docs(THEME).findMany({ filters: inReferential, fields: ['code', 'title', 'order'], populate: { referential: { fields: ['documentId'] } } }),
      docs(CRITERION).findMany({
        filters: { theme: inReferential },
        fields: ['code', 'title', 'description', 'guidance', 'expectedEvidence', 'weight', 'order'],
        populate: { theme: { fields: ['documentId'] }, applicableServices: { fields: ['documentId'] } },
      }),
      docs(INDICATOR).findMany({
        filters: { criterion: { theme: inReferential } },
        fields: ['code', 'name', 'unit', 'target', 'direction', 'frequency'],
        populate: { criterion: { fields: ['documentId'] } },
      }),
      docs('api::service.service').findMany({ fields: ['slug'] }),
    ]);
    const byCode = (rows: unknown[]) => new Map((rows as Existing[]).map((row) => [row.code as string, row]));
    const existingThemes = byCode(themes);
    const existingCriteria = byCode(criteria);
    const existingIndicators = byCode(indicators);
    const serviceBySlug = new Map((services as Existing[]).map((s) => [s.slug as string, s.documentId]));

    async function upsert(uid: typeof THEME | typeof CRITERION | typeof INDICATOR, kind: Kind, existing: Existing | undefined, data: Record<string, unknown>) {
      if (!existing) {
        counts[kind].added += 1;
        return ((await docs(uid).create({ data: data as never })) as Existing).documentId;
      }
      if (differs(existing, data)) {
        counts[kind].updated += 1;
        await docs(uid).update({ documentId: existing.documentId, data: data as never });
      } else counts[kind].unchanged += 1;
      return existing.documentId;
    }

    for (const [themeIndex, theme] of library.themes.entries()) {
      const themeId = await upsert(THEME, 'themes', existingThemes.get(theme.code), {
        code: theme.code,
        title: theme.title,
        order: theme.order ?? themeIndex + 1,
        referential: referential.documentId,
      });
      for (const [criterionIndex, criterion] of theme.criteria.entries()) {
        const applicableServices = criterion.services.flatMap((slug) => {
          const id = serviceBySlug.get(slug);
          if (!id) warnings.push(`${criterion.code} : le service « ${slug} » n’existe pas, il est ignoré.`);
          return id ? [id] : [];
        });
        const criterionId = await upsert(CRITERION, 'criteria', existingCriteria.get(criterion.code), {
          code: criterion.code,
          title: criterion.title,
          description: criterion.description,
          guidance: criterion.guidance,
          expectedEvidence: criterion.expectedEvidence.join('\n'),
          weight: criterion.weight,
          order: criterionIndex + 1,
          theme: themeId,
          applicableServices,
        });
        for (const indicator of criterion.indicators) {
          await upsert(INDICATOR, 'indicators', existingIndicators.get(indicator.code), {
            code: indicator.code,
            name: indicator.name,
            unit: indicator.unit,
            target: indicator.target ?? null,
            direction: indicator.direction,
            frequency: indicator.frequency,
            criterion: criterionId,
          });
        }
      }
    }
    return {
      referential: { documentId: referential.documentId, code: refData.code, name: refData.name, created },
      counts,
      warnings,
    };
  });
}

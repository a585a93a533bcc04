import type { Core } from '@strapi/strapi';
import type { ReferentialLibrary } from './library-format';

/**
 * What importing a library would change, computed without writing anything. The import executes
 * this plan and the preview shows it, so both always agree on "added / updated / unchanged".
 */
export type PlanStatus = 'added' | 'updated' | 'unchanged';

interface Planned<Data> {
  code: string;
  /** Set when a record with this code already exists in the référentiel. */
  documentId?: string;
  status: PlanStatus;
  /** Names of the fields (or relations) that differ from the database. */
  changes: string[];
  data: Data;
}
export type PlannedReferential = Planned<{ code: string; name: string; version?: string; source: string; description: string }>;
export type PlannedTheme = Planned<{ code: string; title: string; order: number }>;
export interface PlannedCriterion
  extends Planned<{ code: string; title: string; description: string; guidance: string; expectedEvidence: string; weight: number; order: number }> {
  themeCode: string;
  serviceIds: string[];
  /** Slugs that match no service: the library importer warns, the spreadsheet import refuses. */
  unknownServices: string[];
}
export interface PlannedIndicator
  extends Planned<{ code: string; name: string; unit: string; target: number | null; direction: string; frequency: string }> {
  criterionCode: string;
}
export interface ImportPlan {
  referential: PlannedReferential;
  themes: PlannedTheme[];
  criteria: PlannedCriterion[];
  indicators: PlannedIndicator[];
}

export const UID = {
  referential: 'api::referential.referential',
  theme: 'api::theme.theme',
  criterion: 'api::criterion.criterion',
  indicator: 'api::indicator.indicator',
  service: 'api::service.service',
} as const;

interface Existing {
  documentId: string;
  [field: string]: unknown;
}

/** Scalar fields that differ; numbers compare by value (PostgreSQL decimals come back as text). */
function changedFields(current: Existing | undefined, wanted: Record<string, unknown>): string[] {
  if (!current) return [];
  return Object.entries(wanted)
    .filter(([key, value]) => {
      const now = current[key];
      if (typeof value === 'number') return now === null || now === undefined || Number(now) !== value;
      return (now ?? null) !== (value ?? null);
    })
    .map(([key]) => key);
}

const idOf = (relation: unknown) => (relation && typeof relation === 'object' ? (relation as Existing).documentId : undefined);

function settle<T extends Planned<unknown>>(item: Omit<T, 'status'>): T {
  const status: PlanStatus = !item.documentId ? 'added' : item.changes.length ? 'updated' : 'unchanged';
  return { ...item, status } as T;
}

/**
 * Reads the référentiel with the library's code (explicit fields, one query per type) and compares
 * it with the library, matching themes, criteria and indicators by code within the référentiel.
 */
export async function planImport(strapi: Core.Strapi, library: ReferentialLibrary): Promise<ImportPlan> {
  const docs = strapi.documents;
  const head = library.referential;
  const refData = { code: head.code, name: head.name, version: head.version, source: head.source, description: head.description };
  const current = (await docs(UID.referential).findFirst({
    filters: { code: refData.code },
    fields: ['code', 'name', 'version', 'source', 'description'],
  })) as Existing | null;

  const inReferential = { referential: { documentId: current?.documentId ?? '' } };
  const [themes, criteria, indicators, services] = current
    ? await Promise.all([
        docs(UID.theme).findMany({ filters: inReferential, fields: ['code', 'title', 'order'] }),
        docs(UID.criterion).findMany({
          filters: { theme: inReferential },
          fields: ['code', 'title', 'description', 'guidance', 'expectedEvidence', 'weight', 'order'],
          populate: { theme: { fields: ['code'] }, applicableServices: { fields: ['slug'] } },
        }),
        docs(UID.indicator).findMany({
          filters: { criterion: { theme: inReferential } },
          fields: ['code', 'name', 'unit', 'target', 'direction', 'frequency'],
          populate: { criterion: { fields: ['code'] } },
        }),
        docs(UID.service).findMany({ fields: ['slug'] }),
      ])
    : [[], [], [], await docs(UID.service).findMany({ fields: ['slug'] })];
  const byCode = (rows: unknown[]) => new Map((rows as Existing[]).map((row) => [row.code as string, row]));
  const existingThemes = byCode(themes);
  const existingCriteria = byCode(criteria);
  const existingIndicators = byCode(indicators);
  const serviceBySlug = new Map((services as Existing[]).map((s) => [s.slug as string, s.documentId]));

  const plan: ImportPlan = {
    referential: settle<PlannedReferential>({
      code: refData.code,
      documentId: current?.documentId,
      changes: changedFields(current ?? undefined, refData),
      data: refData,
    }),
    themes: [],
    criteria: [],
    indicators: [],
  };

  for (const [themeIndex, theme] of library.themes.entries()) {
    const existing = existingThemes.get(theme.code);
    const data = { code: theme.code, title: theme.title, order: theme.order ?? themeIndex + 1 };
    plan.themes.push(settle<PlannedTheme>({ code: theme.code, documentId: existing?.documentId, changes: changedFields(existing, data), data }));

    for (const [criterionIndex, criterion] of theme.criteria.entries()) {
      const found = existingCriteria.get(criterion.code);
      const data = {
        code: criterion.code,
        title: criterion.title,
        description: criterion.description,
        guidance: criterion.guidance,
        expectedEvidence: criterion.expectedEvidence.join('\n'),
        weight: criterion.weight,
        order: criterionIndex + 1,
      };
      const serviceIds = criterion.services.flatMap((slug) => serviceBySlug.get(slug) ?? []);
      const unknownServices = criterion.services.filter((slug) => !serviceBySlug.has(slug));
      const changes = changedFields(found, data);
      if (found) {
        // A theme that is itself new cannot be the current one.
        if (idOf(found.theme) !== existing?.documentId) changes.push('theme');
        const now = ((found.applicableServices as Existing[]) ?? []).map((s) => s.documentId).sort();
        if (JSON.stringify(now) !== JSON.stringify([...new Set(serviceIds)].sort())) changes.push('applicableServices');
      }
      plan.criteria.push(
        settle<PlannedCriterion>({ code: criterion.code, documentId: found?.documentId, changes, data, themeCode: theme.code, serviceIds, unknownServices }),
      );

      for (const indicator of criterion.indicators) {
        const present = existingIndicators.get(indicator.code);
        const data = {
          code: indicator.code,
          name: indicator.name,
          unit: indicator.unit,
          target: indicator.target ?? null,
          direction: indicator.direction,
          frequency: indicator.frequency,
        };
        const changes = changedFields(present, data);
        if (present && idOf(present.criterion) !== found?.documentId) changes.push('criterion');
        plan.indicators.push(
          settle<PlannedIndicator>({ code: indicator.code, documentId: present?.documentId, changes, data, criterionCode: criterion.code }),
        );
      }
    }
  }
  return plan;
}

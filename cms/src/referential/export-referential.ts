import type { Core } from '@strapi/strapi';
import { UID } from './import-plan';
import type { ReferentialLibrary } from './library-format';

type Row = Record<string, unknown> & { documentId: string };
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * A référentiel as a library, in the order the application shows it (themes by order then code,
 * criteria by order then code): importing the result again changes nothing.
 */
export async function exportLibrary(strapi: Core.Strapi, documentId: string): Promise<ReferentialLibrary | null> {
  const docs = strapi.documents;
  const referential = (await docs(UID.referential).findOne({
    documentId,
    fields: ['code', 'name', 'version', 'source', 'description'],
  })) as Row | null;
  if (!referential) return null;
  const inReferential = { referential: { documentId } };
  const [themes, criteria, indicators] = (await Promise.all([
    docs(UID.theme).findMany({ filters: inReferential, fields: ['code', 'title', 'order'], sort: ['order:asc', 'code:asc'] }),
    docs(UID.criterion).findMany({
      filters: { theme: inReferential },
      fields: ['code', 'title', 'description', 'guidance', 'expectedEvidence', 'weight', 'order'],
      populate: { theme: { fields: ['code'] }, applicableServices: { fields: ['slug'] } },
      sort: ['order:asc', 'code:asc'],
    }),
    docs(UID.indicator).findMany({
      filters: { criterion: { theme: inReferential } },
      fields: ['code', 'name', 'unit', 'target', 'direction', 'frequency'],
      populate: { criterion: { fields: ['code'] } },
      sort: ['code:asc'],
    }),
  ])) as unknown as Row[][];

  const codeOf = (relation: unknown) => (relation as { code?: string } | null)?.code;
  return {
    referential: {
      code: text(referential.code),
      name: text(referential.name),
      version: referential.version ? String(referential.version) : undefined,
      source: referential.source as ReferentialLibrary['referential']['source'],
      description: text(referential.description),
    },
    themes: themes.map((theme) => ({
      code: text(theme.code),
      title: text(theme.title),
      order: Number(theme.order ?? 0),
      criteria: criteria
        .filter((criterion) => codeOf(criterion.theme) === theme.code)
        .map((criterion) => ({
          code: text(criterion.code),
          title: text(criterion.title),
          description: text(criterion.description),
          guidance: text(criterion.guidance),
          expectedEvidence: text(criterion.expectedEvidence).split('\n').map((line) => line.trim()).filter(Boolean),
          weight: Number(criterion.weight),
          services: ((criterion.applicableServices as { slug: string }[]) ?? []).map((s) => s.slug),
          indicators: indicators
            .filter((indicator) => codeOf(indicator.criterion) === criterion.code)
            .map((indicator) => ({
              code: text(indicator.code),
              name: text(indicator.name),
              unit: indicator.unit as ReferentialLibrary['themes'][number]['criteria'][number]['indicators'][number]['unit'],
              target: indicator.target === null || indicator.target === undefined ? null : Number(indicator.target),
              direction: indicator.direction as 'higher' | 'lower',
              frequency: indicator.frequency as 'mensuelle',
            })),
        })),
    })),
  };
}

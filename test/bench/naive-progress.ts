import { getJson } from './accounts';

interface EvaluationRow {
  result: string | null;
  workflowState: string;
  service: { slug: string } | null;
  criterion: { weight: number | null } | null;
}
interface Page {
  data: EvaluationRow[];
  meta: { pagination: { page: number; pageCount: number; total: number } };
}

const POINTS: Record<string, number> = { conforme: 1, partiel: 0.5, 'non-conforme': 0 };

export interface NaiveService {
  slug: string;
  total: number;
  states: Record<string, number>;
  rate: number | null;
}

/**
 * "Compute progress" the way a client of Strapi's REST API would without a custom endpoint: page
 * through the campaign's evaluations (real REST, populate of the service slug and criterion
 * weight, 100 a page) and aggregate per service in Node. It computes less than GET /api/progress
 * (no previous campaign, no roadmap counts), so the ratio it gives is a lower bound.
 */
export async function naiveProgress(baseUrl: string, token: string, campaignDocumentId: string, pageSize = 100): Promise<NaiveService[]> {
  const query = (page: number) =>
    new URLSearchParams([
      ['filters[campaign][documentId][$eq]', campaignDocumentId],
      ['fields[0]', 'result'],
      ['fields[1]', 'workflowState'],
      ['populate[service][fields][0]', 'slug'],
      ['populate[criterion][fields][0]', 'weight'],
      ['sort', 'id:asc'],
      ['pagination[pageSize]', String(pageSize)],
      ['pagination[page]', String(page)],
    ]);
  const services = new Map<string, { total: number; states: Record<string, number>; points: number; weight: number }>();
  let page = 1;
  let pageCount: number;
  do {
    const body = await getJson<Page>(`${baseUrl}/api/evaluations?${query(page)}`, token);
    pageCount = body.meta.pagination.pageCount;
    for (const e of body.data) {
      const slug = e.service?.slug;
      if (!slug) continue;
      let s = services.get(slug);
      if (!s) services.set(slug, (s = { total: 0, states: {}, points: 0, weight: 0 }));
      s.total += 1;
      s.states[e.workflowState] = (s.states[e.workflowState] ?? 0) + 1;
      const points = e.result ? POINTS[e.result] : undefined;
      if (points !== undefined) {
        const weight = e.criterion?.weight ?? 1;
        s.points += weight * points;
        s.weight += weight;
      }
    }
    page += 1;
  } while (page <= pageCount);
  return [...services].map(([slug, s]) => ({ slug, total: s.total, states: s.states, rate: s.weight ? Math.round((1000 * s.points) / s.weight) / 10 : null }));
}

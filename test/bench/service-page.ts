import type pg from 'pg';
import { serviceActionsPath, serviceEvaluationsPath, serviceInterviewsPath } from '../../front/src/features/services/api/service-queries';
import { bearer } from './accounts';
import { load, repeat, type LoadResult } from './load';
import type { LatencySummary } from './stats';

export interface PageTarget {
  slug: string;
  evaluations: number;
  campaignDocumentId: string;
  headEmail: string | null;
}

/** The service with the most evaluations in the latest campaign (200 with the default dataset), and one of its heads. */
export async function pickService(sql: pg.Client): Promise<PageTarget> {
  const { rows } = await sql.query(`
    with latest as (select id, document_id from campaigns order by start_date desc, id desc limit 1)
    select s.id, s.slug, l.document_id as campaign, count(*)::int as evaluations
      from evaluations e
      join evaluations_campaign_lnk ec on ec.evaluation_id = e.id
      join latest l on l.id = ec.campaign_id
      join evaluations_service_lnk es on es.evaluation_id = e.id
      join services s on s.id = es.service_id
     group by s.id, s.slug, l.document_id
     order by count(*) desc, s.id limit 1`);
  if (!rows.length) throw new Error('Aucune évaluation dans la dernière campagne.');
  const head = await sql.query(
    `select u.email from services_heads_lnk h join up_users u on u.id = h.user_id where h.service_id = $1 order by u.id limit 1`,
    [rows[0].id],
  );
  return { slug: rows[0].slug, evaluations: rows[0].evaluations, campaignDocumentId: rows[0].campaign, headEmail: head.rows[0]?.email ?? null };
}

/** The calls of front/src/features/services (ServicePage) plus the shell's session, with the same query strings. */
export function pageCalls(target: PageTarget): { name: string; path: string; afterThemes?: boolean }[] {
  const q = (entries: [string, string][]) => new URLSearchParams(entries).toString();
  return [
    { name: 'session', path: '/api/session' },
    { name: 'progress/themes', path: `/api/progress/themes?${q([['service', target.slug]])}` },
    { name: 'workflow/definitions', path: '/api/workflow/definitions' },
    { name: 'evaluations (200)', afterThemes: true, path: serviceEvaluationsPath(target.slug, target.campaignDocumentId) },
    { name: 'interviews', path: serviceInterviewsPath(target.slug) },
    { name: 'roadmap-actions', path: serviceActionsPath(target.slug) },
  ];
}

async function fetchOk(url: string, token: string, what: string) {
  const res = await fetch(url, { headers: bearer(token) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${what} : ${res.status}`);
}

export interface ServicePageResult {
  calls: { name: string; rows?: number; result: LoadResult }[];
  pageSequential: LatencySummary & { throughput: number };
  pageConcurrent: LatencySummary & { throughput: number; users: number };
}

/**
 * Each call alone under autocannon (16 connections), then the whole page as the browser loads it:
 * everything at once, the evaluations once the themes answered (they need the campaign).
 */
export async function measureServicePage(baseUrl: string, token: string, target: PageTarget, seconds: number, connections: number): Promise<ServicePageResult> {
  const calls = pageCalls(target);
  for (const c of calls) await fetchOk(baseUrl + c.path, token, c.name);
  const results: ServicePageResult['calls'] = [];
  for (const c of calls) {
    const result = await load({ url: baseUrl + c.path, connections, duration: seconds, headers: bearer(token) });
    results.push({ name: c.name, result });
  }
  const page = async () => {
    const first = calls.filter((c) => !c.afterThemes && c.name !== 'progress/themes').map((c) => fetchOk(baseUrl + c.path, token, c.name));
    const chain = fetchOk(baseUrl + calls[1].path, token, 'progress/themes').then(() =>
      Promise.all(calls.filter((c) => c.afterThemes).map((c) => fetchOk(baseUrl + c.path, token, c.name))),
    );
    await Promise.all([...first, chain]);
  };
  const pageSequential = await repeat(page, 1, seconds);
  const users = 4;
  const pageConcurrent = { ...(await repeat(page, users, seconds)), users };
  return { calls: results, pageSequential, pageConcurrent };
}

import type pg from 'pg';
import { bearer, getJson } from './accounts';
import { firstCallAfterWrite } from './after-write';
import { load, type LoadResult } from './load';

export interface MysteryCall {
  name: string;
  /** Who asks, as the report names them. */
  who: string;
  /** What the answer holds (rows, tests). */
  size: string;
  result: LoadResult;
}

export interface MysteryResult {
  /** Mystery tests in the database, and validated ones. */
  tests: number;
  validated: number;
  /** The wave shown by default (the latest with validated results) and its validated tests. */
  wave: string;
  waveValidated: number;
  calls: MysteryCall[];
  /** One call right after a write, 1 connection (median of RECOMPUTE_RUNS): the figures computed again. */
  afterWrite: { name: string; median: number; runs: number[] }[];
}


/** The tester with the most tests, and one head of the service with the most validated tests. */
async function accounts(sql: pg.Client): Promise<{ tester: string; testerTests: number; head: string | null }> {
  const tester = await sql.query(
    `select u.email, count(*)::int as n from mystery_tests_tester_lnk t join up_users u on u.id = t.user_id group by u.id, u.email order by count(*) desc, u.id limit 1`,
  );
  if (!tester.rows.length) throw new Error('Aucun test mystère dans la base.');
  const head = await sql.query(
    `select u.email from mystery_tests_service_lnk s join mystery_tests d on d.id = s.mystery_test_id and d.workflow_state = 'validated'
       join services_heads_lnk h on h.service_id = s.service_id join up_users u on u.id = h.user_id
      group by u.id, u.email order by count(*) desc, u.id limit 1`,
  );
  return { tester: tester.rows[0].email, testerTests: tester.rows[0].n, head: head.rows[0]?.email ?? null };
}

/**
 * The calls of the « Tests mystères » page at the town's scale, each alone under autocannon:
 * the figures of the latest wave (GET /api/mystery-results, what the page and the dashboard ask)
 * for the référent qualité (every service) and a head (their services), the tester's list
 * (GET /api/my-mystery-tests) for the busiest tester, and the .xlsx export of the figures.
 */
export async function measureMystery(
  baseUrl: string,
  sql: pg.Client,
  referent: string,
  login: (email: string) => Promise<string>,
  seconds: number,
  connections: number,
): Promise<MysteryResult> {
  const counts = (await sql.query(`select count(*)::int as tests, count(*) filter (where workflow_state = 'validated')::int as validated from mystery_tests`)).rows[0];
  const who = await accounts(sql);
  const figures = await getJson<{ data: { campaign: { documentId: string; title: string } | null; rows: { tests: number }[] } }>(`${baseUrl}/api/mystery-results`, referent);
  if (!figures.data.campaign) throw new Error('Aucune vague n’a de résultat validé.');
  const waveValidated = figures.data.rows.reduce((n, r) => n + r.tests, 0);
  const calls: { name: string; who: string; token: string; path: string; size: () => Promise<string> }[] = [
    { name: 'GET /api/mystery-results (chiffres de la vague)', who: 'référent qualité', token: referent, path: '/api/mystery-results', size: async () => `${figures.data.rows.length} lignes service × canal` },
  ];
  if (who.head) {
    const head = await login(who.head);
    calls.push({
      name: 'GET /api/mystery-results (chiffres de la vague)',
      who: `chef de service (${who.head})`,
      token: head,
      path: '/api/mystery-results',
      size: async () => `${(await getJson<{ data: { rows: unknown[] } }>(`${baseUrl}/api/mystery-results`, head)).data.rows.length} lignes`,
    });
  }
  const tester = await login(who.tester);
  calls.push({ name: 'GET /api/my-mystery-tests (liste du testeur)', who: `testeur (${who.tester})`, token: tester, path: '/api/my-mystery-tests', size: async () => `${who.testerTests} tests` });
  calls.push({
    name: 'GET /api/mystery-results/export.xlsx',
    who: 'référent qualité',
    token: referent,
    path: `/api/mystery-results/export.xlsx?campaign=${figures.data.campaign.documentId}`,
    size: async () => {
      const res = await fetch(`${baseUrl}/api/mystery-results/export.xlsx?campaign=${figures.data.campaign!.documentId}`, { headers: bearer(referent) });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (!res.ok) throw new Error(`export.xlsx : ${res.status}`);
      return `${(bytes / 1024).toFixed(0)} Ko`;
    },
  });
  const measured: MysteryCall[] = [];
  for (const c of calls) {
    const size = await c.size();
    const url = baseUrl + c.path;
    await load({ url, connections, duration: 1, headers: bearer(c.token) });
    const result = await load({ url, connections, duration: seconds, headers: bearer(c.token) });
    const failed = Object.entries(result.statuses).filter(([status]) => status !== '200');
    if (failed.length) throw new Error(`${c.name} : réponses ${JSON.stringify(result.statuses)}`);
    measured.push({ name: c.name, who: c.who, size, result });
  }
  const recomputed: MysteryResult['afterWrite'] = [];
  for (const c of [calls[0], calls[calls.length - 1]]) {
    recomputed.push({ name: `${c.name} (${c.who})`, ...(await firstCallAfterWrite(sql, 'mystery', baseUrl + c.path, c.token)) });
  }
  return { tests: counts.tests, validated: counts.validated, wave: figures.data.campaign.title, waveValidated, calls: measured, afterWrite: recomputed };
}

import type { Inbox } from '@charte/contract';
import type pg from 'pg';
import { bearer, getJson } from './accounts';
import { load, type LoadResult } from './load';
import { median } from './stats';

export interface InboxCall {
  /** Who asks, as the report names them. */
  who: string;
  query: string;
  /** Documents in the inbox under the query (its groups' counts), and items on the page answered. */
  total: number;
  items: number;
  result: LoadResult;
  /** One call right after a write, 1 connection (median of RECOMPUTE_RUNS): the answer computed again. */
  afterWrite?: { median: number; runs: number[] };
}

const RECOMPUTE_RUNS = 5;

/**
 * Under autocannon nothing writes, so every call but the first is served from the answer kept
 * under the `inbox` version (cms/src/platform/db/versioned-cache.ts). What the first read after a
 * write costs is measured apart: the version bumped as a commit on an inbox table bumps it, then
 * one call, timed to its last byte.
 */
async function afterWrite(sql: pg.Client, url: string, token: string): Promise<{ median: number; runs: number[] }> {
  const runs: number[] = [];
  for (let i = 0; i < RECOMPUTE_RUNS; i++) {
    await sql.query(`update charte_versions set version = version + 1 where name = 'inbox:0'`);
    const started = performance.now();
    const res = await fetch(url, { headers: bearer(token) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} : ${res.status}`);
    runs.push(performance.now() - started);
  }
  return { median: median(runs), runs };
}

/**
 * GET /api/workflow/inbox as the page asks it (every group, first page of 20), for the roles whose
 * inbox is largest at the town's scale: the référent qualité (every service's drafts), the DGS
 * (every validated sheet), a head (their service); and one filtered, paged call. Each alone under
 * autocannon, then the first call after a write.
 */
export async function measureInbox(baseUrl: string, sql: pg.Client, accounts: { who: string; token: string }[], seconds: number, connections: number): Promise<InboxCall[]> {
  const calls: InboxCall[] = [];
  for (const { who, token } of accounts) {
    for (const query of who.startsWith('référent') ? ['', '?type=evaluations&group=drafts&page=50'] : ['']) {
      const url = `${baseUrl}/api/workflow/inbox${query}`;
      const first = (await getJson<{ data: Inbox }>(url, token)).data;
      const items = first.groups.reduce((sum, g) => sum + g.items.length, 0);
      await load({ url, connections, duration: 1, headers: bearer(token) });
      const result = await load({ url, connections, duration: seconds, headers: bearer(token) });
      calls.push({ who, query, total: first.total, items, result, afterWrite: await afterWrite(sql, url, token) });
    }
  }
  return calls;
}

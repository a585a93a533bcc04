import type { Inbox } from '@charte/contract';
import type pg from 'pg';
import { bearer, getJson } from './accounts';
import { firstCallAfterWrite } from './after-write';
import { load, type LoadResult } from './load';

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
      calls.push({ who, query, total: first.total, items, result, afterWrite: await firstCallAfterWrite(sql, 'inbox', url, token) });
    }
  }
  return calls;
}

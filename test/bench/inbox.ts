import type { Inbox } from '@charte/contract';
import { bearer, getJson } from './accounts';
import { load, type LoadResult } from './load';

export interface InboxCall {
  /** Who asks, as the report names them. */
  who: string;
  query: string;
  /** Documents in the inbox under the query (its groups' counts), and items on the page answered. */
  total: number;
  items: number;
  result: LoadResult;
}

/**
 * GET /api/workflow/inbox as the page asks it (every group, first page of 20), for the roles whose
 * inbox is largest at the town's scale: the référent qualité (every service's drafts), the DGS
 * (every validated sheet), a head (their service); and one filtered, paged call. Each alone under
 * autocannon.
 */
export async function measureInbox(baseUrl: string, accounts: { who: string; token: string }[], seconds: number, connections: number): Promise<InboxCall[]> {
  const calls: InboxCall[] = [];
  for (const { who, token } of accounts) {
    for (const query of who.startsWith('référent') ? ['', '?type=evaluations&group=drafts&page=50'] : ['']) {
      const url = `${baseUrl}/api/workflow/inbox${query}`;
      const first = (await getJson<{ data: Inbox }>(url, token)).data;
      const items = first.groups.reduce((sum, g) => sum + g.items.length, 0);
      await load({ url, connections, duration: 1, headers: bearer(token) });
      calls.push({ who, query, total: first.total, items, result: await load({ url, connections, duration: seconds, headers: bearer(token) }) });
    }
  }
  return calls;
}

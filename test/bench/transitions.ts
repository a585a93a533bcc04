import type pg from 'pg';
import { bearer } from './accounts';
import { load, type LoadResult } from './load';

export interface TransitionResult {
  load: LoadResult;
  drafts: number;
  ok: number;
  refused: number;
  /** workflow_events written by the run (SQL), to compare with `ok`. */
  events: number;
  /** Evaluations now submitted among those posted to (SQL). */
  submitted: number;
  /** Mail jobs enqueued by the run (pgboss.job, queue workflow-mail). */
  mailJobs: number | null;
}

/**
 * `submit` on distinct drafts at `connections` connections, as the référent qualité (who may submit
 * any service's draft): each request a different document, so every one is a real transition
 * (conditional update + workflow-event + mail job, one transaction). Afterwards SQL checks that
 * the history holds exactly one event per 200.
 */
export async function measureTransitions(baseUrl: string, token: string, sql: pg.Client, seconds: number, connections: number): Promise<TransitionResult> {
  const { rows } = await sql.query(`select document_id from evaluations where workflow_state = 'draft' order by id`);
  const drafts = rows.map((r: { document_id: string }) => r.document_id);
  if (drafts.length < 10) throw new Error(`Trop peu de brouillons pour mesurer les transitions (${drafts.length}).`);
  const since = (await sql.query(`select now() as at, (select coalesce(max(id), 0) from workflow_events) as last_event`)).rows[0];
  const mailBefore = await mailJobCount(sql);

  let next = 0;
  const posted = new Set<string>();
  const body = JSON.stringify({ action: 'submit' });
  const result = await load({
    url: baseUrl,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    setupRequest: (request) => {
      const documentId = drafts[next % drafts.length];
      next += 1;
      posted.add(documentId);
      return { ...request, method: 'POST', path: `/api/workflow/evaluations/${documentId}/transitions`, body };
    },
  });
  if (next > drafts.length) console.warn(`  (les ${drafts.length} brouillons ont tous été soumis : des 409 suivent)`);

  // Requests in flight when autocannon stopped still commit: count once two readings agree.
  const counts = async () => ({
    events: Number(
      (await sql.query(`select count(*) from workflow_events where id > $1 and action = 'submit' and target_uid = 'api::evaluation.evaluation'`, [since.last_event])).rows[0].count,
    ),
    submitted: Number((await sql.query(`select count(*) from evaluations where document_id = any($1) and workflow_state = 'submitted'`, [[...posted]])).rows[0].count),
  });
  let previous = await counts();
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const current = await counts();
    if (current.events === previous.events && current.submitted === previous.submitted) break;
    previous = current;
  }
  const { events, submitted } = previous;
  const mailAfter = await mailJobCount(sql);
  const ok = result.statuses[200] ?? 0;
  return {
    load: result,
    drafts: drafts.length,
    ok,
    refused: Object.entries(result.statuses).reduce((n, [status, count]) => (status === '200' ? n : n + count), 0),
    events,
    submitted,
    mailJobs: mailBefore === null || mailAfter === null ? null : mailAfter - mailBefore,
  };
}

/** Every mail job ever created (pg-boss moves finished jobs to its archive, so both tables count). */
async function mailJobCount(sql: pg.Client): Promise<number | null> {
  try {
    const tables = (await sql.query(`select table_name from information_schema.tables where table_schema = 'pgboss' and table_name in ('job', 'archive')`)).rows.map(
      (r: { table_name: string }) => r.table_name,
    );
    let total = 0;
    for (const t of tables) total += Number((await sql.query(`select count(*) from pgboss.${t} where name = 'workflow-mail'`)).rows[0].count);
    return total;
  } catch {
    return null;
  }
}

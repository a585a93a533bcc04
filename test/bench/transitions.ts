import type pg from 'pg';
import { bearer } from './accounts';
import { load, paced, type LoadResult } from './load';

/** One workflow action on evaluations, e.g. `submit` from draft to submitted. */
export interface TransitionKind {
  action: string;
  from: string;
  to: string;
}

export interface TransitionResult extends TransitionKind {
  load: LoadResult;
  connections: number;
  /** Requests per second sent at a constant rate; undefined: each connection sends as soon as it is answered. */
  rate?: number;
  /** Transitions sent before the measure at the same rate, not counted. */
  warmedUp: number;
  documents: number;
  ok: number;
  refused: number;
  /** workflow_events written by the run (SQL), to compare with `ok`. */
  events: number;
  /** Evaluations now in `to` among those posted to (SQL). */
  moved: number;
  /** Mail jobs enqueued by the run (pgboss.job, queue workflow-mail). */
  mailJobs: number | null;
}

/**
 * `kind.action` on distinct evaluations in `kind.from`, at `connections` connections — as fast as
 * they are answered, or at a constant `rate` — by an account allowed to act on any service's
 * documents: each request a different document, so every one is a real transition (conditional
 * update + workflow event + audit entry + outbox row, one statement; the mail jobs follow). Afterwards SQL checks that
 * the history holds exactly one event per document moved.
 */
export async function measureTransitions(
  baseUrl: string,
  token: string,
  sql: pg.Client,
  kind: TransitionKind,
  run: { seconds: number; connections: number; rate?: number; warmUpSeconds?: number; share?: [number, number] },
): Promise<TransitionResult> {
  // A draft still « Non évalué » may not be submitted (config/workflows.yaml requires:): left out, it
  // would count as a refusal rather than measure the transition.
  const { rows } = await sql.query(`select document_id from evaluations where workflow_state = $1 and result <> 'non-evalue' order by id`, [kind.from]);
  // `share`: the part of them this run may use (from, to as fractions), so that a later part of
  // the bench (f, after c's saturated run) still finds documents to move.
  const [from, to] = run.share ?? [0, 1];
  const candidates = rows.map((r: { document_id: string }) => r.document_id);
  const all = candidates.slice(Math.floor(candidates.length * from), Math.floor(candidates.length * to));
  if (all.length < 10) throw new Error(`Trop peu d’évaluations à l’état « ${kind.from} » pour mesurer « ${kind.action} » (${all.length}).`);
  const body = JSON.stringify({ action: kind.action });
  const headers = { ...bearer(token), 'content-type': 'application/json' };
  const transitionPath = (documentId: string) => `/api/workflow/evaluations/${documentId}/transitions`;

  // Warm-up at the same rate on other documents, not counted: the first transitions of a process
  // pay for compiling their code and for preparing their statements on each pooled connection.
  let warmed = 0;
  if (run.rate && run.warmUpSeconds) {
    warmed = Math.min(Math.round(run.rate * run.warmUpSeconds), Math.floor(all.length / 5));
    await paced({ url: baseUrl, connections: run.connections, rate: run.rate, duration: warmed / run.rate, request: (i) => ({ method: 'POST', path: transitionPath(all[i]), headers, body }) });
  }
  const documents = all.slice(warmed);
  const since = (await sql.query(`select coalesce(max(id), 0) as last_event from workflow_events`)).rows[0];
  const mailBefore = await mailJobCount(sql);

  const posted = new Set<string>();
  const pathOf = (i: number) => {
    const documentId = documents[i % documents.length];
    posted.add(documentId);
    return transitionPath(documentId);
  };
  let result: LoadResult;
  if (run.rate) {
    const seconds = Math.min(run.seconds, documents.length / run.rate);
    result = await paced({ url: baseUrl, connections: run.connections, rate: run.rate, duration: seconds, request: (i) => ({ method: 'POST', path: pathOf(i), headers, body }) });
  } else {
    // Each available document once, then stop: a timed run that outlived them would mix in the
    // quick 409s of documents already moved, flattering both throughput and latency.
    let next = 0;
    result = await load({
      url: baseUrl,
      connections: run.connections,
      duration: run.seconds,
      amount: documents.length,
      method: 'POST',
      headers,
      setupRequest: (request) => ({ ...request, method: 'POST', path: pathOf(next++), body }),
    });
  }

  // Requests in flight when autocannon stopped still commit: count once two readings agree.
  const counts = async () => ({
    events: Number(
      (await sql.query(`select count(*) from workflow_events where id > $1 and action = $2 and target_uid = 'api::evaluation.evaluation'`, [since.last_event, kind.action])).rows[0].count,
    ),
    moved: Number((await sql.query(`select count(*) from evaluations where document_id = any($1) and workflow_state = $2`, [[...posted], kind.to])).rows[0].count),
  });
  let previous = await counts();
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const current = await counts();
    if (current.events === previous.events && current.moved === previous.moved) break;
    previous = current;
  }
  // The outbox relay turns the last transitions' mails into jobs a moment later.
  for (let waited = 0; waited < 10000 && Number((await sql.query('select count(*) from charte_mail_outbox')).rows[0].count) > 0; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const mailAfter = await mailJobCount(sql);
  const ok = result.statuses[200] ?? 0;
  return {
    ...kind,
    load: result,
    connections: run.connections,
    rate: run.rate,
    warmedUp: warmed,
    documents: documents.length,
    ok,
    refused: Object.entries(result.statuses).reduce((n, [status, count]) => (status === '200' ? n : n + count), 0),
    ...previous,
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

import { spawn } from 'node:child_process';
import type pg from 'pg';
import { cmsDir } from '../../database/paths';
import { benchDist, type CmsEnvironment } from './cms-process';
import { median } from './stats';

export interface CapturedQuery {
  sql: string;
  bindings: unknown[];
}

/*
 * How the endpoint's SQL is captured: a short-lived cms (load only, no HTTP, scheduler off) on the
 * bench database calls the compiled progressOfServices(strapi, null) — the very function behind
 * GET /api/progress for a DGS (who sees every service) — with knex's 'query' event recording each
 * statement and its bindings. The queries it prints are then EXPLAINed from the bench process.
 */
const CAPTURE = `
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');
const app = createStrapi({ appDir: process.env.BENCH_APP_DIR, distDir: process.env.BENCH_DIST_DIR });
app.load().then(async () => {
  const { progressOfServices } = require(path.join(process.env.BENCH_DIST_DIR, 'src/progress/progress.js'));
  await progressOfServices(app, null); // warm-up: lazy metadata, prepared pool
  // The floor is the aggregate itself: forget the figures the warm-up left in the progress cache.
  require(path.join(process.env.BENCH_DIST_DIR, 'src/progress/progress-cache.js')).clearProgressCache();
  const queries = [];
  const listener = (q) => queries.push({ sql: q.sql, bindings: q.bindings || [] });
  app.db.connection.on('query', listener);
  await progressOfServices(app, null);
  app.db.connection.off('query', listener);
  process.stdout.write('\\n@@QUERIES@@' + JSON.stringify(queries) + '@@END@@\\n');
  await app.destroy();
  process.exit(0);
}).catch((error) => { console.error(error); process.exit(1); });
`;

export async function captureProgressSql(env: CmsEnvironment): Promise<CapturedQuery[]> {
  const child = spawn(process.execPath, ['-e', CAPTURE], {
    cwd: cmsDir,
    env: {
      ...process.env,
      ...env.secrets,
      DATABASE_URL: env.databaseUrl,
      NODE_ENV: 'production',
      CHARTE_SCHEDULER: 'off',
      LOG_LEVEL: 'error',
      BENCH_APP_DIR: cmsDir,
      BENCH_DIST_DIR: benchDist,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const match = /@@QUERIES@@(.*)@@END@@/s.exec(out);
  if (code !== 0 || !match) throw new Error(`Capture du SQL de /api/progress impossible (code ${code}) :\n${out.slice(-3000)}`);
  return JSON.parse(match[1]) as CapturedQuery[];
}

export interface ExplainedQuery {
  sql: string;
  /** Median over the runs, in ms. */
  planning: number;
  execution: number;
  plan: unknown;
}

/** EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) of each statement, `runs` times (after one warm-up), median times. */
export async function explainAll(sql: pg.Client, queries: CapturedQuery[], runs = 5): Promise<ExplainedQuery[]> {
  const explained: ExplainedQuery[] = [];
  for (const q of queries) {
    // TIMING OFF: per-node clocks inflate the execution time of a 10,000-row aggregate by a third or more.
    const text = `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${q.sql}`;
    const planning: number[] = [];
    const execution: number[] = [];
    let plan: unknown;
    for (let i = 0; i <= runs; i++) {
      const { rows } = await sql.query(text, q.bindings as unknown[]);
      const result = (rows[0]['QUERY PLAN'] as { Plan: unknown; 'Planning Time': number; 'Execution Time': number }[])[0];
      if (i === 0) continue;
      planning.push(result['Planning Time']);
      execution.push(result['Execution Time']);
      plan = result.Plan;
    }
    explained.push({ sql: q.sql, planning: median(planning), execution: median(execution), plan });
  }
  return explained;
}

/** The plan as indented text (EXPLAIN ANALYZE without JSON), for the report's slow-query section. */
export async function explainText(sql: pg.Client, q: CapturedQuery): Promise<string> {
  const { rows } = await sql.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.bindings as unknown[]);
  return rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
}

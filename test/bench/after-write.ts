import type pg from 'pg';
import { bearer } from './accounts';
import { median } from './stats';

/** Calls timed one by one after a write, for the median. */
export const RECOMPUTE_RUNS = 5;

/**
 * Under autocannon nothing writes, so every call but the first is served from the answer kept
 * under its version (cms/src/platform/db/versioned-cache.ts). What the first read after a write
 * costs is measured apart: the version bumped as a commit on one of its tables bumps it, then one
 * call, timed to its last byte — RECOMPUTE_RUNS times, 1 connection.
 */
export async function firstCallAfterWrite(sql: pg.Client, version: string, url: string, token: string): Promise<{ median: number; runs: number[] }> {
  const runs: number[] = [];
  for (let i = 0; i < RECOMPUTE_RUNS; i++) {
    await sql.query(`update charte_versions set version = version + 1 where name = $1`, [`${version}:0`]);
    const started = performance.now();
    const res = await fetch(url, { headers: bearer(token) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} : ${res.status}`);
    runs.push(performance.now() - started);
  }
  return { median: median(runs), runs };
}

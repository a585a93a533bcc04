import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { summarize, type LatencySummary } from './stats';

export interface LoadResult extends LatencySummary {
  /** Responses per second over the whole run. */
  throughput: number;
  seconds: number;
  statuses: Record<number, number>;
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds; ignored when `amount` is given. */
  duration: number;
  amount?: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  /** A distinct request per call (e.g. a different document each time). */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
}

/**
 * autocannon on loopback. Its own percentiles stop at p90 and p97.5, so every response time is
 * kept (from the 'response' event) and p50/p95/p99 are computed exactly from them.
 */
export function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.duration,
        amount: options.amount,
        method: options.method ?? 'GET',
        headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
        body: options.body,
        requests: options.setupRequest ? [{ setupRequest: options.setupRequest }] : undefined,
        timeout: 30,
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        resolve({ ...summarize(latencies), throughput: latencies.length / seconds, seconds, statuses, errors: result.errors + result.timeouts });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

/** A whole operation (several requests) timed end to end, by `workers` loops in parallel, for `seconds`. */
export async function repeat(operation: () => Promise<void>, workers: number, seconds: number, minimum = 3): Promise<LatencySummary & { throughput: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end || latencies.length < minimum) {
        const t = performance.now();
        await operation();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { ...summarize(latencies), throughput: latencies.length / ((performance.now() - started) / 1000) };
}

export interface PacedOptions {
  url: string;
  connections: number;
  /** Requests per second, evenly spaced. */
  rate: number;
  duration: number;
  /** The i-th request. */
  request: (i: number) => { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };
}

/**
 * Requests at a constant rate over a fixed number of connections (an open model: users arrive
 * whether or not earlier answers came back), to measure the latency at a given throughput.
 * autocannon's rate option cannot: it sends each second's quota in a burst at the start of the
 * second, which measures a burst. Each latency runs from the request's scheduled instant, so that
 * waiting for a free connection, or a late send, counts (no coordinated omission).
 */
export async function paced(options: PacedOptions): Promise<LoadResult> {
  const pool = new Pool(new URL(options.url).origin, { connections: options.connections });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const total = Math.round(options.rate * options.duration);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  try {
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / options.rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const { method, path, headers, body } = options.request(i);
      inFlight.push(
        pool.request({ method, path, headers, body }).then(
          async (response) => {
            await response.body.dump();
            latencies.push(performance.now() - due);
            statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          },
          () => {
            errors += 1;
          },
        ),
      );
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { ...summarize(latencies), throughput: latencies.length / seconds, seconds, statuses, errors };
}

import type { Core } from '@strapi/strapi';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Counters live in PostgreSQL (one table for every limiter, keys prefixed per use), so that a limit
 * holds across several cms instances behind a load balancer, and survives a restart.
 */
export const RATE_LIMIT_TABLE = 'charte_rate_limits';

const CREATE_LOCK_KEY = 742_101; // serialises the table creation when several instances boot together

export interface RateLimiterOptions {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

export interface ConsumeResult {
  allowed: boolean;
  /** Seconds until the client may try again (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  consume(key: string): Promise<ConsumeResult>;
  reset(key: string): Promise<void>;
}

const tableReady = new WeakMap<Core.Strapi, Promise<void>>();

/** Created once per process and database; the library's own CREATE can race between instances. */
function ensureTable(strapi: Core.Strapi): Promise<void> {
  let ready = tableReady.get(strapi);
  if (!ready) {
    ready = strapi.db.connection
      .transaction(async (trx) => {
        await trx.raw('select pg_advisory_xact_lock(?)', [CREATE_LOCK_KEY]);
        await trx.raw(`
          create table if not exists ${RATE_LIMIT_TABLE} (
            key varchar(255) primary key,
            points integer not null default 0,
            expire bigint
          )`);
      })
      .then(() => undefined);
    // A failed attempt is forgotten so the next request tries again.
    ready.catch(() => tableReady.delete(strapi));
    tableReady.set(strapi, ready);
  }
  return ready;
}

function isLimitReached(outcome: unknown): outcome is RateLimiterRes {
  return outcome instanceof RateLimiterRes;
}

export function createRateLimiter(strapi: Core.Strapi, options: RateLimiterOptions): RateLimiter {
  if (!/^[a-z0-9:_-]+$/i.test(options.keyPrefix)) throw new Error(`Préfixe de limiteur invalide : ${options.keyPrefix}`);
  if (!(options.points >= 1) || !(options.durationSeconds >= 1)) {
    throw new Error(`Limiteur ${options.keyPrefix} : points et durée doivent être au moins 1.`);
  }
  let limiter: RateLimiterPostgres | undefined;
  const ready = async (): Promise<RateLimiterPostgres> => {
    await ensureTable(strapi);
    limiter ??= new RateLimiterPostgres({
      storeClient: strapi.db.connection,
      storeType: 'knex',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.durationSeconds,
    });
    return limiter;
  };

  return {
    async consume(key) {
      const store = await ready();
      try {
        await store.consume(key);
        return { allowed: true, retryAfterSeconds: 0 };
      } catch (outcome) {
        if (isLimitReached(outcome)) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) };
        }
        // The counter store failing must not lock people out of a public form or of their
        // account: the request goes on (it will fail on its own if the database is really down).
        strapi.log.warn(`Limiteur ${options.keyPrefix} indisponible, requête acceptée : ${(outcome as Error).message}`);
        return { allowed: true, retryAfterSeconds: 0 };
      }
    },
    async reset(key) {
      const store = await ready();
      await store.delete(key);
    },
  };
}

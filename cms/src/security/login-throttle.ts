import type { Core } from '@strapi/strapi';
import { createRateLimiter, RATE_LIMIT_TABLE, type RateLimiter } from './rate-limit';

export interface Throttle {
  /** Seconds to wait before trying again, or 0 when the next attempt may go through. */
  blockedFor(key: string): Promise<number>;
  recordFailure(key: string): Promise<void>;
  forget(key: string): Promise<void>;
}

/**
 * Counts FAILED attempts only (a person who logs in many times a day is never slowed down), in the
 * shared PostgreSQL counters of rate-limit.ts, so the limit holds across instances. The limiter's
 * interface consumes and resets; whether a key is already over the limit is read from its row,
 * before the password is even looked at: a locked-out guess is never evaluated.
 */
export function createThrottle(strapi: Core.Strapi, options: { keyPrefix: string; failures: number; windowMinutes: number }): Throttle {
  const limiter: RateLimiter = createRateLimiter(strapi, {
    keyPrefix: options.keyPrefix,
    points: options.failures,
    durationSeconds: options.windowMinutes * 60,
  });
  // rate-limiter-flexible stores `<prefix>:<key>`, with `points` consumed and `expire` in epoch ms.
  const rowKey = (key: string) => `${options.keyPrefix}:${key}`;
  return {
    async blockedFor(key) {
      try {
        const row = await strapi.db
          .connection(RATE_LIMIT_TABLE)
          .where({ key: rowKey(key) })
          .first('points', 'expire');
        if (!row) return 0;
        const now = Date.now();
        const expire = row.expire === null ? null : Number(row.expire);
        if (expire !== null && expire <= now) return 0;
        if (Number(row.points) < options.failures) return 0;
        return expire === null ? options.windowMinutes * 60 : Math.max(1, Math.ceil((expire - now) / 1000));
      } catch (error) {
        // No counter table yet means no failure recorded yet.
        if ((error as { code?: string }).code === '42P01') return 0;
        throw error;
      }
    },
    async recordFailure(key) {
      await limiter.consume(key);
    },
    async forget(key) {
      await limiter.reset(key);
    },
  };
}

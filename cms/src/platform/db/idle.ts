import type { Core } from '@strapi/strapi';

interface Pool {
  numUsed(): number;
  numPendingAcquires(): number;
}

/**
 * Resolves once no query holds or waits for a connection of Strapi's pool (or after `timeoutMs`).
 * The Document Service emits its entry events after commit without awaiting them: a script that
 * writes documents then destroys Strapi would abort the events' reads still in flight.
 */
export async function databaseIdle(strapi: Core.Strapi, timeoutMs = 5000): Promise<void> {
  const pool = (strapi.db.connection.client as { pool?: Pool }).pool;
  if (!pool) return;
  const deadline = Date.now() + timeoutMs;
  // Two idle readings in a row: an event's query may start right after the write it follows.
  let idleReadings = 0;
  while (idleReadings < 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    idleReadings = pool.numUsed() === 0 && pool.numPendingAcquires() === 0 ? idleReadings + 1 : 0;
  }
}

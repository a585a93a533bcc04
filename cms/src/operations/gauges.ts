import type { Core } from '@strapi/strapi';
import { MAIL_QUEUE } from '../platform/mail/mail-queue';
import { OUTBOX_TABLE } from '../platform/mail/outbox';
import { readAtScrape } from '../platform/metrics';

interface Pool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

/** The gauges read at each scrape of /metrics: the pool of this instance, the mails of all. */
export function registerGauges(strapi: Core.Strapi): void {
  const pool = () => (strapi.db.connection.client as { pool?: Pool }).pool;
  readAtScrape('charte_db_pool_connections', 'Connexions PostgreSQL du pool de cette instance : used, free, pending (en attente), max', ['state'], (gauge) => {
    const p = pool();
    if (!p) return;
    gauge.set({ state: 'used' }, p.numUsed());
    gauge.set({ state: 'free' }, p.numFree());
    gauge.set({ state: 'pending' }, p.numPendingAcquires());
    gauge.set({ state: 'max' }, p.max);
  });
  readAtScrape('charte_mails_pending', 'Courriels en file, pas encore acceptés par le serveur SMTP, par état pg-boss', ['state'], async (gauge) => {
    const rows = await strapi.db.connection.withSchema('pgboss').from('job').where('name', MAIL_QUEUE).whereIn('state', ['created', 'retry', 'active']).groupBy('state').select('state').count({ n: '*' });
    for (const state of ['created', 'retry', 'active']) gauge.set({ state }, 0);
    for (const row of rows as { state: string; n: string }[]) gauge.set({ state: row.state }, Number(row.n));
  });
  readAtScrape('charte_mail_oldest_pending_seconds', 'Âge du plus ancien courriel en attente (0 : aucun)', [], async (gauge) => {
    const row = await strapi.db.connection.withSchema('pgboss').from('job').where('name', MAIL_QUEUE).whereIn('state', ['created', 'retry', 'active']).min({ oldest: 'created_on' }).first();
    gauge.set(row?.oldest ? (Date.now() - new Date(row.oldest as string).getTime()) / 1000 : 0);
  });
  readAtScrape('charte_mail_outbox_rows', 'Lignes de la boîte d’envoi pas encore mises en file', [], async (gauge) => {
    const row = await strapi.db.connection(OUTBOX_TABLE).count({ n: '*' }).first();
    gauge.set(Number(row?.n ?? 0));
  });
}

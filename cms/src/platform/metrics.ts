import client from 'prom-client';

/**
 * What GET /metrics exposes in Prometheus' format (operations/metrics-endpoint.ts): counters the
 * code increments as things happen, and gauges read from PostgreSQL and the pool at each scrape.
 * Each instance counts its own events; the gauges read from the database are the same on all.
 */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'charte_process_' });

export const httpDuration = new client.Histogram({
  name: 'charte_http_request_duration_seconds',
  help: 'Durée des requêtes HTTP, par méthode, route (motif) et classe de statut',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const transitions = new client.Counter({
  name: 'charte_workflow_transitions_total',
  help: 'Actions du circuit de validation demandées, par type, action et issue (ok, ou le statut du refus)',
  labelNames: ['collection', 'action', 'outcome'],
  registers: [registry],
});

export const mails = new client.Counter({
  name: 'charte_mails_total',
  help: 'Courriels traités par le serveur SMTP : sent (acceptés), failed (refusés, réessayés), abandoned (dernier essai refusé), logged (SMTP non configuré)',
  labelNames: ['outcome'],
  registers: [registry],
});

export const scheduledRuns = new client.Counter({
  name: 'charte_scheduled_job_runs_total',
  help: 'Exécutions des tâches planifiées sur cette instance, par tâche et issue (success, failure)',
  labelNames: ['job', 'outcome'],
  registers: [registry],
});

/** A gauge whose value is read at each scrape (from the database, the pool…). */
export function readAtScrape(name: string, help: string, labelNames: string[], read: (gauge: client.Gauge) => Promise<void> | void): void {
  registry.removeSingleMetric(name);
  new client.Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        await read(this);
      } catch {
        // The database does not answer: the gauge stays empty this time; /api/health/ready says why.
      }
    },
  });
}

import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { FOLLOW_UP_TABLE } from '../../cms/src/complaints/follow-up';
import { PARTICIPANTS_TABLE } from '../../cms/src/surveys/agent-surveys';
import { TownBuilder, type RoleIds } from './content';
import { resolveOptions, type DatasetOptions } from './options';
import { checkSchema, SchemaError, tableOf } from './schema';
import { Writers } from './writer';

export { PASSWORD, EMAIL_DOMAIN, REFERENCE } from './content';
export { DEFAULT_OPTIONS, DatasetArgumentError, type DatasetOptions } from './options';
export { SchemaError } from './schema';

export interface DatasetSummary {
  options: DatasetOptions;
  /** Rows written per table, join tables included. */
  counts: Record<string, number>;
  /** Rows removed per table before writing (only with `force`). */
  replaced: Record<string, number>;
  elapsedMs: number;
}

/** The database already holds business data and `force` was not given. */
export class DatasetRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetRefusedError';
  }
}

const USER = 'plugin::users-permissions.user';
const ROLE_TYPES = ['agent', 'chef-de-service', 'referent-qualite', 'dgs'] as const;

/** Every business type of the app, plus the accounts: what `force` replaces. */
const REPLACED_TYPES = [
  'api::referential.referential', 'api::theme.theme', 'api::criterion.criterion', 'api::indicator.indicator',
  'api::service.service', 'api::campaign.campaign', 'api::evaluation.evaluation', 'api::interview.interview',
  'api::charter-principle.charter-principle', 'api::roadmap-action.roadmap-action', 'api::measure.measure',
  'api::survey.survey', 'api::survey-response.survey-response', 'api::complaint.complaint',
  'api::workflow-event.workflow-event', USER,
  // Documents that point at the town's complaints, services and accounts go with them.
  'api::feedback-reply.feedback-reply', 'api::mystery-grid.mystery-grid', 'api::mystery-campaign.mystery-campaign', 'api::mystery-test.mystery-test',
  'api::audit-finding.audit-finding',
];

/**
 * Fills a database whose schema Strapi created with a large town: the same rows, ids and bytes for
 * the same options. One transaction: a failure leaves the database as it was.
 */
export async function generateDataset(knex: Knex, input: Partial<DatasetOptions> = {}): Promise<DatasetSummary> {
  const started = performance.now();
  const options = resolveOptions(input);
  let replaced: Record<string, number> = {};
  let counts: Record<string, number> = {};
  await knex.transaction(async (trx) => {
    const writers = new Writers(trx);
    const roles = await roleIds(trx);
    const builder = new TownBuilder(options, writers, roles);
    await checkSchema(trx, new Map(writers.tables.map((w) => [w.table, new Set(['id', ...w.columns])])));
    replaced = await replaceExisting(trx, options.force);
    await builder.build();
    await writers.finish();
    counts = Object.fromEntries(writers.tables.map((w) => [w.table, w.count]));
    // Rows written below the cms: one summary entry in the audit log (docs/features/audit-log.md).
    if (await trx.schema.hasTable('charte_audit_log')) {
      await trx('charte_audit_log').insert({
        actor_kind: 'system',
        actor_name: 'générateur de jeu de données',
        content_type: 'database::dataset',
        action: 'generate',
        changes: JSON.stringify({}),
        detail: JSON.stringify({ options, counts, replaced }),
        origin: 'script',
      });
    }
  });
  await knex.raw(`analyze ${Object.keys(counts).map(() => '??').join(', ')}`, Object.keys(counts));
  return { options, counts, replaced, elapsedMs: performance.now() - started };
}

async function roleIds(trx: Knex.Transaction): Promise<RoleIds> {
  const table = tableOf('plugin::users-permissions.role');
  const exists = await trx('information_schema.tables').where({ table_schema: trx.raw('current_schema()'), table_name: table }).first();
  if (!exists) {
    throw new SchemaError(
      'Cette base ne contient pas les tables de Charte d’accueil : démarrez le cms une fois dessus pour que Strapi les crée ' +
        '(par exemple DATABASE_URL=… CHARTE_DEMO=off npm start, puis Ctrl+C), et relancez le générateur.',
    );
  }
  const rows: { id: number; type: string }[] = await trx(table).whereIn('type', ROLE_TYPES).select('id', 'type');
  const ids = Object.fromEntries(rows.map((r) => [r.type, r.id])) as Partial<RoleIds>;
  const missing = ROLE_TYPES.filter((t) => ids[t] === undefined);
  if (missing.length) {
    throw new SchemaError(
      `Rôles absents de la base : ${missing.join(', ')}. Le cms les crée à son démarrage depuis config/roles.yaml : démarrez-le une fois sur cette base.`,
    );
  }
  return ids as RoleIds;
}

/**
 * Refuses a database that already holds business data, unless `force`: then empties those tables
 * and their join tables (ids restart at 1, so the result is the same as on a fresh database).
 */
async function replaceExisting(trx: Knex.Transaction, force: boolean): Promise<Record<string, number>> {
  const present = new Set(
    (await trx('information_schema.tables').where('table_schema', trx.raw('current_schema()')).pluck('table_name')) as string[],
  );
  const tables = REPLACED_TYPES.map(tableOf).filter((t) => present.has(t));
  const counted: { name: string; n: string }[] = (
    await trx.raw(tables.map(() => 'select ?::text as name, count(*) as n from ??').join(' union all '), tables.flatMap((t) => [t, t]))
  ).rows;
  const existing = Object.fromEntries(counted.filter((c) => Number(c.n) > 0).map((c) => [c.name, Number(c.n)]));
  if (!Object.keys(existing).length) return {};
  if (!force) {
    const list = Object.entries(existing)
      .map(([table, rows]) => `${table} (${rows})`)
      .join(', ');
    throw new DatasetRefusedError(
      `La base contient déjà des données : ${list}. Le générateur ne les efface pas sans votre accord : ` +
        'relancez avec --force pour les remplacer, ou choisissez une base vide.',
    );
  }
  const links = [...present].filter((name) => tables.some((t) => name.startsWith(`${t}_`) && name.endsWith('_lnk')));
  // The application's own tables that point at a replaced one (a complaint's follow-up code, who
  // answered an agent survey) go with it.
  const dependents = [FOLLOW_UP_TABLE, PARTICIPANTS_TABLE].filter((t) => present.has(t));
  const truncated = [...tables, ...links, ...dependents];
  await trx.raw(`truncate table ${truncated.map(() => '??').join(', ')} restart identity`, truncated);
  if (present.has('files_related_mph')) await trx('files_related_mph').whereIn('related_type', REPLACED_TYPES).delete();
  return existing;
}

const LABELS: [string, string][] = [
  ['api::service.service', 'Services'],
  [USER, 'Comptes utilisateurs'],
  ['api::referential.referential', 'Référentiels'],
  ['api::theme.theme', 'Thèmes'],
  ['api::criterion.criterion', 'Engagements'],
  ['api::indicator.indicator', 'Indicateurs'],
  ['api::campaign.campaign', 'Campagnes'],
  ['api::evaluation.evaluation', 'Évaluations'],
  ['api::workflow-event.workflow-event', 'Événements de circuit'],
  ['api::roadmap-action.roadmap-action', 'Actions de feuille de route'],
  ['api::measure.measure', 'Mesures d’indicateurs'],
  ['api::complaint.complaint', 'Réclamations et suggestions'],
];

/** The French lines printed at the end of a run: one per table, then the join rows and the time. */
export function describeSummary(summary: DatasetSummary): string[] {
  const n = (value: number) => value.toLocaleString('fr-FR').replace(/[\u202f\u00a0]/g, ' ');
  const lines: string[] = [];
  const removed = Object.values(summary.replaced).reduce((a, b) => a + b, 0);
  if (removed) lines.push(`Données existantes remplacées (--force) : ${n(removed)} ligne(s) supprimée(s).`);
  const main = new Set<string>();
  for (const [uid, label] of LABELS) {
    const table = tableOf(uid);
    main.add(table);
    lines.push(`  ${`${label} (${table})`.padEnd(52)} ${n(summary.counts[table] ?? 0).padStart(10)}`);
  }
  const links = Object.entries(summary.counts).filter(([t]) => !main.has(t));
  lines.push(`  ${`Lignes de liaison (${links.length} tables *_lnk)`.padEnd(52)} ${n(links.reduce((a, [, c]) => a + c, 0)).padStart(10)}`);
  lines.push(`Jeu de données généré (graine ${summary.options.seed}) en ${(summary.elapsedMs / 1000).toFixed(1).replace('.', ',')} s.`);
  return lines;
}

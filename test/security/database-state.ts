import type { Core } from '@strapi/strapi';

/** Row count and md5 of every table of the app's schema: two equal states mean nothing was written. */
export type DatabaseState = Record<string, { rows: number; md5: string }>;

/**
 * Tables that record attempts by design: the rate limiter counts refused calls too (that is its job).
 * Everything else, the audit log included, must stay as it was.
 */
const ATTEMPT_COUNTERS = new Set(['charte_rate_limits']);
/**
 * Rows of Strapi's store written in the background: the progress of campaign builds (a scheduled
 * recurring campaign), and the upload plugin's weekly metrics, whose cron Strapi schedules 15 s
 * after a boot that finds none sent yet — within a suite's run.
 */
const BACKGROUND_PROGRESS = `key NOT LIKE 'plugin_charte-admin_campaign-build:%' AND key <> 'plugin_upload_metrics'`;

export async function databaseState(app: Core.Strapi): Promise<DatabaseState> {
  const knex = app.db.connection;
  const tables = (
    await knex.raw(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`)
  ).rows.map((r: { table_name: string }) => r.table_name)
    .filter((t: string) => !ATTEMPT_COUNTERS.has(t)) as string[];
  const parts = tables.map(
    (t) =>
      `SELECT '${t}' AS name, count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM "${t}" t` +
      (t === 'strapi_core_store_settings' ? ` WHERE ${BACKGROUND_PROGRESS}` : ''),
  );
  // Strapi's store, key by key: a failure then names the setting that changed, not only the table.
  parts.push(
    `SELECT 'strapi_core_store_settings[' || key || ']' AS name, count(*)::int AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5
       FROM strapi_core_store_settings t WHERE ${BACKGROUND_PROGRESS} GROUP BY key`,
  );
  const rows = (await knex.raw(parts.join(' UNION ALL '))).rows as { name: string; rows: number; md5: string }[];
  return Object.fromEntries(rows.map((r) => [r.name, { rows: r.rows, md5: r.md5 }]));
}

/** The tables whose content differs between two states, with their row counts. */
export function changedTables(before: DatabaseState, after: DatabaseState): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((n) => before[n]?.md5 !== after[n]?.md5)
    .map((n) => `${n} (${before[n]?.rows ?? '∅'} → ${after[n]?.rows ?? '∅'} lignes)`);
}

const FRENCH = /[àâçéèêëîïôûùœ’«»]|\b(le|la|les|de|des|du|une?|et|ou|est|pas|doit|requête|champ|valeur|connexion|introuvable|inconnue?|invalide|trop|mot|passe|identifiant)\b/i;
const ENGLISH = /\b(the|is|are|must|be|should|not|field|key|keys|invalid|request|error|errors|found|forbidden|unauthorized|allowed|missing|required|too|large|entity|value|only|occurred)\b/i;

/** A message a French reader understands: French words or typography, and none of Strapi's English outside « quoted » names. */
export function isFrench(message: unknown): boolean {
  return typeof message === 'string' && message.length > 0 && FRENCH.test(message) && !ENGLISH.test(message.replace(/«[^»]*»/g, ''));
}

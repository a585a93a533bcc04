import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { HttpError } from '../platform/http/http-error';

/** The decisions the DGS and the référent record for a year: one text per year, kept beside the figures. */
export const DECISIONS_TABLE = 'charte_management_review';
const TABLE_LOCK = 0x72657669; // "revi"
export const DECISIONS_MAX_LENGTH = 20000;

export async function installReviewDecisions(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [TABLE_LOCK]);
    await trx.raw(`create table if not exists ?? (
      year integer primary key,
      decisions text not null default '',
      updated_at timestamptz not null default now(),
      updated_by integer)`, [DECISIONS_TABLE]);
  });
}

export async function reviewDecisions(strapi: Core.Strapi, year: number): Promise<{ decisions: string; updatedAt: string | null }> {
  const row = await strapi.db.connection(DECISIONS_TABLE).where({ year }).first('decisions', 'updated_at');
  return { decisions: row?.decisions ?? '', updatedAt: row ? new Date(row.updated_at).toISOString() : null };
}

export function parseDecisions(body: Record<string, unknown>): string {
  const unknown = Object.keys(body).filter((k) => k !== 'year' && k !== 'decisions');
  if (unknown.length) throw new HttpError(400, `Champ inconnu : ${unknown.join(', ')}. Champs possibles : year, decisions.`);
  const value = body.decisions;
  if (typeof value !== 'string') throw new HttpError(400, 'Indiquez les décisions (champ « decisions », un texte).');
  if (value.length > DECISIONS_MAX_LENGTH) throw new HttpError(400, `Les décisions tiennent en ${DECISIONS_MAX_LENGTH.toLocaleString('fr-FR')} caractères au plus.`);
  return value.replace(/\r\n/g, '\n').trim();
}

export async function saveReviewDecisions(strapi: Core.Strapi, year: number, decisions: string, userId: number): Promise<void> {
  await strapi.db
    .connection(DECISIONS_TABLE)
    .insert({ year, decisions, updated_by: userId, updated_at: strapi.db.connection.fn.now() })
    .onConflict('year')
    .merge(['decisions', 'updated_by', 'updated_at']);
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ComplaintFollowUp } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { z } from 'zod';
import { deadlineRulesFor } from './complaints-config';
import { dueDate } from './deadline';
import { COMPLAINT } from './sql';
import { complaintReference } from './register';
import { link, tableOf } from '../platform/db/schema';
import { HttpError } from '../platform/http/http-error';
import type { IsoDate } from '../platform/calendar/days';

/**
 * The hash of each online complaint's follow-up code. A table of its own rather than a field of
 * the content type: no REST answer, Content Manager screen, audit entry or export can then ever
 * show it. The row goes with its complaint (on delete cascade).
 */
export const FOLLOW_UP_TABLE = 'charte_complaint_follow_up';
const LOCK_KEY = 742_208;

export async function installComplaintFollowUp(strapi: Core.Strapi): Promise<void> {
  const complaints = tableOf(strapi, COMPLAINT);
  await strapi.db.connection.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
    await trx.raw(
      `create table if not exists ${FOLLOW_UP_TABLE} (
         complaint_id integer primary key references ${complaints}(id) on delete cascade,
         code_hash bytea not null,
         created_at timestamptz not null default now()
       )`,
    );
  });
}

/** 144 random bits, URL-safe (24 characters): short enough to copy, far beyond guessing. */
export function newFollowUpCode(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * A plain SHA-256 is enough: slow hashes protect secrets people choose, and this one is 144 random
 * bits. What it prevents is a database dump (a backup, a restored copy) opening every follow-up page.
 */
export function hashFollowUpCode(code: string): Buffer {
  return createHash('sha256').update(code, 'utf8').digest();
}

/** Written in the transaction that creates the complaint: a receipt always has its code. */
export async function storeFollowUpCode(trx: Knex | Knex.Transaction, complaintId: number, code: string): Promise<void> {
  await trx(FOLLOW_UP_TABLE).insert({ complaint_id: complaintId, code_hash: hashFollowUpCode(code) });
}

const requestSchema = z
  .object({
    reference: z.string({ message: 'Indiquez le numéro de votre demande (REC-…).' }).max(40, 'Numéro de demande trop long.'),
    code: z.string({ message: 'Indiquez le code de suivi de votre demande.' }).max(100, 'Code de suivi trop long.'),
  })
  .strict();

/** The one answer for an unknown reference, a wrong code or a code that is not ours: nothing to enumerate. */
export const FOLLOW_UP_NOT_FOUND = 'Aucune demande ne correspond à ce numéro et à ce code de suivi. Vérifiez-les dans votre accusé de réception ou sur l’écran de confirmation.';

/** Checks the shape only (400): any well-formed pair that does not match answers the same 404. */
export function parseFollowUpRequest(body: unknown): { reference: string; code: string } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'Corps de requête attendu : { "reference": "REC-…", "code": "…" }.');
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue.code === 'unrecognized_keys' ? `Champ non accepté : ${issue.keys.join(', ').slice(0, 60)}.` : issue.message;
    throw new HttpError(400, message, { errors: parsed.error.issues.map((i) => ({ path: i.path.filter((p) => p === 'reference' || p === 'code'), message: i.message })) });
  }
  return { reference: parsed.data.reference.trim().toUpperCase(), code: parsed.data.code.trim() };
}

// Compared against when the reference is unknown, so that both paths hash and compare alike.
const NO_HASH = Buffer.alloc(32);

const dayOf = (value: unknown): IsoDate | null => {
  if (!value) return null;
  if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
};

/**
 * Where one online complaint stands, for whoever holds its reference and its code: the status, the
 * service's name, the answer's date and text — none of what the citizen wrote, no contact detail.
 */
export async function complaintFollowUp(strapi: Core.Strapi, request: { reference: string; code: string }): Promise<ComplaintFollowUp> {
  const match = /^REC-(\d{4})-(\d{1,9})$/.exec(request.reference);
  const id = match ? Number(match[2]) : 0;
  const toService = link(strapi, COMPLAINT, 'service');
  const row = id
    ? ((await strapi.db
        .connection(`${tableOf(strapi, COMPLAINT)} as c`)
        .join(`${FOLLOW_UP_TABLE} as f`, 'f.complaint_id', 'c.id')
        .leftJoin(`${toService.table} as cs`, `cs.${toService.from}`, 'c.id')
        .leftJoin(`${tableOf(strapi, 'api::service.service')} as s`, 's.id', `cs.${toService.to}`)
        .where('c.id', id)
        .first('c.id', 'c.kind', 'c.received_at', 'c.answered_at', 'c.outcome', 's.name as service_name', 'f.code_hash')) as Record<string, unknown> | undefined)
    : undefined;
  const stored = Buffer.isBuffer(row?.code_hash) && row.code_hash.length === 32 ? row.code_hash : NO_HASH;
  const codeMatches = timingSafeEqual(hashFollowUpCode(request.code), stored);
  const receivedAt = dayOf(row?.received_at);
  // The year is part of the reference: REC-2025-00042 does not open REC-2026-00042.
  if (!row || !codeMatches || !receivedAt || receivedAt.slice(0, 4) !== match?.[1]) {
    throw new HttpError(404, FOLLOW_UP_NOT_FOUND);
  }
  const answeredAt = dayOf(row.answered_at);
  const service = (row.service_name as string | null) ?? null;
  const outcome = typeof row.outcome === 'string' && row.outcome.trim() ? row.outcome.trim() : null;
  // An outcome typed before the answer is sent may still be a draft: shown once answered only.
  return {
    reference: complaintReference(id, receivedAt),
    kind: row.kind === 'suggestion' || row.kind === 'accessibilite' ? row.kind : 'reclamation',
    receivedAt,
    dueDate: dueDate(receivedAt, deadlineRulesFor(row.kind)),
    status: answeredAt ? 'answered' : service ? 'assigned' : 'received',
    service,
    answeredAt,
    answer: answeredAt ? outcome : null,
  };
}

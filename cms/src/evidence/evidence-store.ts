import type { EvidenceItem, EvidenceStatus, EvidenceVersion } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { canRead, roleOf, visibleServiceIds, type Caller } from '../access/read-scope';
import { EVIDENCE_VERSIONS_TABLE } from '../access/media-ownership';
import { townToday } from '../platform/calendar/clock';
import { columnDay } from '../platform/calendar/days';
import { link, tableOf, type Row } from '../platform/db/schema';
import { isDocumentId } from '../platform/db/document-id';
import { HttpError } from '../platform/http/http-error';
import { personName } from '../platform/people/person-name';
import { evidenceConfig } from './evidence-config';

/**
 * A piece of evidence wraps an uploaded file: the file attached to a sheet (its `evidence` media
 * field, as before) or a procedure of a service. The wrapper holds the owner, the « valable
 * jusqu'au » date and the file of each version; the sheet always shows the current version, so
 * reports, pages and exports that read the media field are unchanged. Files attached before this
 * existed have no wrapper until someone dates them or adds a version: they read as version 1,
 * without owner or end date.
 */
export const EVIDENCE_TABLE = 'charte_evidence';
const TABLE_LOCK = 0x65766964; // "evid"

export const EVIDENCE_TYPES = {
  evaluation: 'api::evaluation.evaluation',
  'roadmap-action': 'api::roadmap-action.roadmap-action',
  service: 'api::service.service',
} as const;
export type EvidenceHolder = keyof typeof EVIDENCE_TYPES;
export type { EvidenceStatus };
const SHEETS = [EVIDENCE_TYPES.evaluation, EVIDENCE_TYPES['roadmap-action']] as string[];

export async function installEvidence(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [TABLE_LOCK]);
    await trx.raw(`create table if not exists ?? (
      id serial primary key,
      document_uid text not null,
      document_id text not null,
      file_id integer not null unique,
      title text,
      owner_id integer,
      valid_until date,
      reminded_for date,
      created_at timestamptz not null default now())`, [EVIDENCE_TABLE]);
    await trx.raw(`create index if not exists charte_evidence_document on ?? (document_uid, document_id)`, [EVIDENCE_TABLE]);
    // A piece the cms drew from another document (a mystery test's result sheet): which one, so that
    // it is attached once and the source names the evaluations it went to.
    await trx.raw(`alter table ?? add column if not exists origin_uid text, add column if not exists origin_document_id text`, [EVIDENCE_TABLE]);
    await trx.raw(`create index if not exists charte_evidence_origin on ?? (origin_uid, origin_document_id)`, [EVIDENCE_TABLE]);
    await trx.raw(`create table if not exists ?? (
      evidence_id integer not null references ?? (id) on delete cascade,
      version integer not null,
      file_id integer not null unique,
      added_at timestamptz not null default now(),
      added_by integer,
      primary key (evidence_id, version))`, [EVIDENCE_VERSIONS_TABLE, EVIDENCE_TABLE]);
  });
}


export function statusOn(validUntil: string | null, today: string): EvidenceStatus {
  if (!validUntil) return 'undated';
  if (validUntil < today) return 'expired';
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + evidenceConfig().expiringWithinDays);
  return validUntil <= limit.toISOString().slice(0, 10) ? 'expiring' : 'valid';
}

const FILES = 'files';
const USERS = 'up_users';

export function parseHolder(type: unknown): EvidenceHolder {
  if (typeof type !== 'string' || !(type in EVIDENCE_TYPES)) throw new HttpError(400, 'Paramètre type : evaluation, roadmap-action ou service.');
  return type as EvidenceHolder;
}

/** The document a piece hangs on, if the caller reads it; 404 as if it did not exist otherwise. */
async function readableDocument(strapi: Core.Strapi, caller: Caller, uid: string, documentId: unknown): Promise<{ id: number; documentId: string; serviceId: number | null }> {
  if (!isDocumentId(documentId)) throw new HttpError(400, 'Identifiant de document invalide.');
  const row = (await strapi.db.query(uid as never).findOne({ select: ['id', 'documentId'], where: { documentId } })) as { id: number; documentId: string } | null;
  if (!row) throw new HttpError(404, 'Document introuvable.');
  if (uid === EVIDENCE_TYPES.service) {
    const visible = await visibleServiceIds(strapi, caller);
    if (visible !== null && !visible.includes(row.id)) throw new HttpError(404, 'Document introuvable.');
    return { ...row, serviceId: row.id };
  }
  if (!(await canRead(strapi, uid, documentId, caller))) throw new HttpError(404, 'Document introuvable.');
  const toService = link(strapi, uid, 'service');
  const service = await strapi.db.connection(toService.table).where(toService.from, row.id).first(`${toService.to} as id`);
  return { ...row, serviceId: service?.id ?? null };
}

async function versionsOf(knex: Knex, evidenceIds: number[]): Promise<Map<number, EvidenceVersion[]>> {
  const byEvidence = new Map<number, EvidenceVersion[]>();
  if (!evidenceIds.length) return byEvidence;
  const rows = (await knex(`${EVIDENCE_VERSIONS_TABLE} as v`)
    .join(`${FILES} as f`, 'f.id', 'v.file_id')
    .leftJoin(`${USERS} as u`, 'u.id', 'v.added_by')
    .whereIn('v.evidence_id', evidenceIds)
    .orderBy([{ column: 'v.evidence_id' }, { column: 'v.version', order: 'desc' }])
    .select('v.evidence_id', 'v.version', 'v.file_id', 'v.added_at', 'f.name', 'f.url', 'u.firstname', 'u.lastname', 'u.username')) as Row[];
  for (const r of rows) {
    const version: EvidenceVersion = {
      version: r.version,
      fileId: r.file_id,
      name: r.name,
      url: r.url,
      addedAt: new Date(r.added_at).toISOString(),
      addedBy: r.username || r.lastname ? personName(r as never) : null,
    };
    byEvidence.set(r.evidence_id, [...(byEvidence.get(r.evidence_id) ?? []), version]);
  }
  return byEvidence;
}

function describe(r: Row, versions: Map<number, EvidenceVersion[]>, today: string): EvidenceItem {
  const validUntil = columnDay(r.valid_until);
  return {
    fileId: r.file_id,
    name: r.name,
    url: r.url,
    title: r.title ?? null,
    owner: r.owner_id ? { id: r.owner_id, name: personName({ firstname: r.owner_firstname, lastname: r.owner_lastname, username: r.owner_username } as never) } : null,
    validUntil,
    status: statusOn(validUntil, today),
    versions: r.evidence_id ? (versions.get(r.evidence_id) ?? []) : [{ version: 1, fileId: r.file_id, name: r.name, url: r.url, addedAt: new Date(r.created_at).toISOString(), addedBy: null }],
  };
}

/** GET /api/evidence?type=&documentId=: the pieces of one document, current file first, with their versions. */
export async function listEvidence(strapi: Core.Strapi, caller: Caller, query: Record<string, unknown>, now = new Date()): Promise<{ data: EvidenceItem[] }> {
  const uid = EVIDENCE_TYPES[parseHolder(query.type)];
  const document = await readableDocument(strapi, caller, uid, query.documentId);
  const knex = strapi.db.connection;
  const base = SHEETS.includes(uid)
    ? knex('files_related_mph as r')
        .join(`${FILES} as f`, 'f.id', 'r.file_id')
        .leftJoin(`${EVIDENCE_TABLE} as e`, 'e.file_id', 'f.id')
        .where({ 'r.related_type': uid, 'r.related_id': document.id, 'r.field': 'evidence' })
        .orderBy('r.order')
    : knex(`${EVIDENCE_TABLE} as e`).join(`${FILES} as f`, 'f.id', 'e.file_id').where({ 'e.document_uid': uid, 'e.document_id': document.documentId }).orderBy('e.id');
  const rows = (await base
    .leftJoin(`${USERS} as o`, 'o.id', 'e.owner_id')
    .select('f.id as file_id', 'f.name', 'f.url', 'f.created_at', 'e.id as evidence_id', 'e.title', 'e.owner_id', 'e.valid_until', 'o.firstname as owner_firstname', 'o.lastname as owner_lastname', 'o.username as owner_username')) as Row[];
  const versions = await versionsOf(knex, rows.map((r) => r.evidence_id).filter(Boolean));
  const today = townToday(now);
  return { data: rows.map((r) => describe(r, versions, today)) };
}

/** The document a file is the current version of: a sheet's evidence or a service's procedure. */
async function holderOfFile(strapi: Core.Strapi, fileId: number): Promise<{ uid: string; documentId: string } | null> {
  const knex = strapi.db.connection;
  const wrapped = await knex(EVIDENCE_TABLE).where({ file_id: fileId }).first('document_uid', 'document_id');
  if (wrapped) return { uid: wrapped.document_uid, documentId: wrapped.document_id };
  const related = await knex('files_related_mph as r').whereIn('r.related_type', SHEETS).where({ 'r.file_id': fileId, 'r.field': 'evidence' }).first('r.related_type', 'r.related_id');
  if (!related) return null;
  const doc = await knex(tableOf(strapi, related.related_type)).where('id', related.related_id).first('document_id');
  return doc ? { uid: related.related_type, documentId: doc.document_id } : null;
}

/** A writer (config/evidence.yaml) who reads the document: else 403, or 404 when they do not read it. */
async function writableFile(strapi: Core.Strapi, caller: Caller, fileParam: unknown) {
  const fileId = Number(fileParam);
  if (!Number.isInteger(fileId) || fileId < 1) throw new HttpError(400, 'Identifiant de fichier invalide.');
  const holder = await holderOfFile(strapi, fileId);
  if (!holder) throw new HttpError(404, 'Pièce introuvable (ou ancienne version : seule la version en cours se modifie).');
  const document = await readableDocument(strapi, caller, holder.uid, holder.documentId);
  if (!evidenceConfig().writers.includes(roleOf(caller))) throw new HttpError(403, 'Votre rôle lit les pièces sans les modifier.');
  return { fileId, uid: holder.uid, document };
}

/** Creates the wrapper of a file attached before wrappers existed: its version 1 is the file itself. */
async function ensureWrapper(trx: Knex.Transaction, uid: string, documentId: string, fileId: number): Promise<number> {
  await trx.raw(`select pg_advisory_xact_lock(?, ?)`, [TABLE_LOCK, fileId]);
  const existing = await trx(EVIDENCE_TABLE).where({ file_id: fileId }).first('id');
  if (existing) return existing.id;
  const [created] = await trx(EVIDENCE_TABLE).insert({ document_uid: uid, document_id: documentId, file_id: fileId }).returning('id');
  const file = await trx(FILES).where('id', fileId).first('created_at');
  await trx(EVIDENCE_VERSIONS_TABLE).insert({ evidence_id: created.id, version: 1, file_id: fileId, added_at: file?.created_at ?? trx.fn.now() });
  return created.id;
}

interface Changes {
  ownerId?: number | null;
  validUntil?: string | null;
  title?: string | null;
}

async function parseChanges(strapi: Core.Strapi, body: Record<string, unknown>, requireOne = false): Promise<Changes> {
  const changes: Changes = {};
  const unknown = Object.keys(body).filter((k) => !['owner', 'validUntil', 'title'].includes(k));
  if (unknown.length) throw new HttpError(400, `Champ inconnu : ${unknown.join(', ')}. Champs possibles : owner, validUntil, title.`);
  if (requireOne && !Object.keys(body).length) throw new HttpError(400, 'Indiquez au moins un champ à changer : owner, validUntil ou title.');
  if ('owner' in body) {
    if (body.owner === null) changes.ownerId = null;
    else {
      const id = Number(body.owner);
      if (!Number.isInteger(id) || id < 1) throw new HttpError(400, '« owner » : l’identifiant d’un compte, ou null.');
      const user = await strapi.db.connection(USERS).where({ id }).first('id', 'blocked');
      if (!user || user.blocked) throw new HttpError(400, '« owner » : ce compte n’existe pas ou est bloqué.');
      changes.ownerId = id;
    }
  }
  if ('validUntil' in body) {
    const value = body.validUntil;
    if (value === null || value === '') changes.validUntil = null;
    else if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
      throw new HttpError(400, '« validUntil » : une date AAAA-MM-JJ, ou null (sans échéance).');
    else changes.validUntil = value;
  }
  if ('title' in body) {
    if (body.title === null || body.title === '') changes.title = null;
    else if (typeof body.title !== 'string' || body.title.length > 200) throw new HttpError(400, '« title » : un intitulé de 200 caractères au plus.');
    else changes.title = body.title.trim();
  }
  return changes;
}

async function applyChanges(trx: Knex.Transaction, evidenceId: number, changes: Changes): Promise<void> {
  const update: Record<string, unknown> = {};
  if (changes.ownerId !== undefined) update.owner_id = changes.ownerId;
  if (changes.title !== undefined) update.title = changes.title;
  if (changes.validUntil !== undefined) {
    update.valid_until = changes.validUntil;
    // A new date is a new deadline: its owner will be reminded of it once.
    update.reminded_for = null;
  }
  if (Object.keys(update).length) await trx(EVIDENCE_TABLE).where({ id: evidenceId }).update(update);
}

/** PUT /api/evidence/:fileId { owner?, validUntil?, title? } */
export async function updateEvidence(strapi: Core.Strapi, caller: Caller, fileParam: unknown, body: Record<string, unknown>) {
  const { fileId, uid, document } = await writableFile(strapi, caller, fileParam);
  const changes = await parseChanges(strapi, body, true);
  await strapi.db.connection.transaction(async (trx) => applyChanges(trx, await ensureWrapper(trx, uid, document.documentId, fileId), changes));
  return itemOf(strapi, caller, uid, document.documentId, fileId);
}

async function itemOf(strapi: Core.Strapi, caller: Caller, uid: string, documentId: string, fileId: number): Promise<{ data: EvidenceItem }> {
  const type = (Object.keys(EVIDENCE_TYPES) as EvidenceHolder[]).find((k) => EVIDENCE_TYPES[k] === uid)!;
  const item = (await listEvidence(strapi, caller, { type, documentId })).data.find((i) => i.fileId === fileId);
  return { data: item! };
}

interface UploadedFile {
  id: number;
}
type Upload = (files: unknown) => Promise<UploadedFile[]>;

/** Strapi's upload service stores the file (checked by request-guard like any upload). */
export const strapiUpload =
  (strapi: Core.Strapi): Upload =>
  async (files) =>
    (await strapi.plugin('upload').service('upload').upload({ data: {}, files })) as UploadedFile[];

function singleFile(files: unknown): unknown {
  const file = (files as Record<string, unknown> | undefined)?.file;
  if (!file) throw new HttpError(400, 'Joignez le fichier (champ « file » d’un formulaire multipart).');
  if (Array.isArray(file)) throw new HttpError(400, 'Un seul fichier par version.');
  return file;
}

/**
 * POST /api/evidence/:fileId/versions (multipart: file, validUntil?): the new file takes the place
 * of the current one on the sheet; the old one stays in the history, downloadable by who reads the sheet.
 */
export async function addEvidenceVersion(strapi: Core.Strapi, caller: Caller, fileParam: unknown, fields: Record<string, unknown>, files: unknown, upload: Upload) {
  const { fileId, uid, document } = await writableFile(strapi, caller, fileParam);
  const changes = await parseChanges(strapi, fields);
  const [stored] = await upload(singleFile(files));
  await strapi.db.connection.transaction(async (trx) => {
    const evidenceId = await ensureWrapper(trx, uid, document.documentId, fileId);
    const current = await trx(EVIDENCE_TABLE).where({ id: evidenceId }).forUpdate().first('file_id');
    if (current.file_id !== fileId) throw new HttpError(409, 'Une autre version vient d’être déposée : rechargez la page.');
    if (SHEETS.includes(uid)) await trx('files_related_mph').where({ file_id: fileId, related_type: uid, related_id: document.id, field: 'evidence' }).update({ file_id: stored.id });
    const last = (await trx(EVIDENCE_VERSIONS_TABLE).where({ evidence_id: evidenceId }).max('version as max').first()) as { max: number | null } | undefined;
    await trx(EVIDENCE_VERSIONS_TABLE).insert({ evidence_id: evidenceId, version: Number(last?.max ?? 0) + 1, file_id: stored.id, added_by: caller.id });
    await trx(EVIDENCE_TABLE).where({ id: evidenceId }).update({ file_id: stored.id, reminded_for: null });
    await applyChanges(trx, evidenceId, changes);
  });
  return itemOf(strapi, caller, uid, document.documentId, stored.id);
}

/** POST /api/evidence/procedures (multipart: file, service, title, validUntil = review date, owner?): a procedure of a service. */
export async function addProcedure(strapi: Core.Strapi, caller: Caller, fields: Record<string, unknown>, files: unknown, upload: Upload) {
  const { service, ...rest } = fields;
  const document = await readableDocument(strapi, caller, EVIDENCE_TYPES.service, service);
  if (!evidenceConfig().writers.includes(roleOf(caller))) throw new HttpError(403, 'Votre rôle lit les procédures sans en joindre.');
  const changes = await parseChanges(strapi, rest);
  if (!changes.title) throw new HttpError(400, '« title » : l’intitulé de la procédure est obligatoire.');
  if (!changes.validUntil) throw new HttpError(400, '« validUntil » : la date de révision de la procédure est obligatoire.');
  const [stored] = await upload(singleFile(files));
  await strapi.db.connection.transaction(async (trx) => {
    const evidenceId = await ensureWrapper(trx, EVIDENCE_TYPES.service, document.documentId, stored.id);
    await trx(EVIDENCE_VERSIONS_TABLE).where({ evidence_id: evidenceId }).update({ added_by: caller.id });
    await applyChanges(trx, evidenceId, changes);
  });
  return itemOf(strapi, caller, EVIDENCE_TYPES.service, document.documentId, stored.id);
}

export interface DrawnPiece {
  /** The sheet it goes on. */
  uid: string;
  documentId: string;
  fileId: number;
  title: string;
  origin: { uid: string; documentId: string };
  /** The account on whose behalf it was drawn: its owner and the author of its version 1. */
  addedBy: number;
}

/** Records the wrapper of a piece the cms drew from another document (its version 1 is the file). */
export async function recordDrawnPiece(trx: Knex.Transaction, piece: DrawnPiece): Promise<void> {
  const [created] = await trx(EVIDENCE_TABLE)
    .insert({ document_uid: piece.uid, document_id: piece.documentId, file_id: piece.fileId, title: piece.title, owner_id: piece.addedBy, origin_uid: piece.origin.uid, origin_document_id: piece.origin.documentId })
    .returning('id');
  await trx(EVIDENCE_VERSIONS_TABLE).insert({ evidence_id: created.id, version: 1, file_id: piece.fileId, added_by: piece.addedBy });
}

/**
 * The pieces drawn from `origin` still on their sheet (a piece detached from its sheet no longer
 * counts), with the sheet's documentId and the current file of each.
 */
export async function piecesDrawnFrom(knex: Knex, uid: string, origin: { uid: string; documentId: string }): Promise<{ documentId: string; fileId: number; name: string; url: string }[]> {
  const rows = (await knex(`${EVIDENCE_TABLE} as e`)
    .join(`${FILES} as f`, 'f.id', 'e.file_id')
    .join('files_related_mph as r', (on) => on.on('r.file_id', 'e.file_id').andOnVal('r.related_type', uid).andOnVal('r.field', 'evidence'))
    .where({ 'e.document_uid': uid, 'e.origin_uid': origin.uid, 'e.origin_document_id': origin.documentId })
    .select('e.document_id', 'e.file_id', 'f.name', 'f.url')) as Row[];
  return rows.map((r) => ({ documentId: r.document_id, fileId: r.file_id, name: r.name, url: r.url }));
}

export const EVIDENCE_FILES_TABLE = FILES;
export const USERS_TABLE = USERS;

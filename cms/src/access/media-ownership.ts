import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

function fileIds(value: unknown): number[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(fileIds);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.id === 'number') return [v.id];
    return [...fileIds(v.set), ...fileIds(v.connect)];
  }
  return [];
}

/**
 * A REST write may attach files that are new (linked to nothing yet) or already attached to this
 * document — never a file of another document, whose address would then be readable here.
 */
export async function checkAttachedFiles(strapi: Core.Strapi, uid: string, documentId: string | null, data: Record<string, unknown>): Promise<void> {
  const attributes = (strapi.contentTypes as unknown as Record<string, { attributes: Record<string, { type: string }> }>)[uid]?.attributes ?? {};
  const ids = Object.entries(attributes)
    .filter(([name, attribute]) => attribute.type === 'media' && name in data)
    .flatMap(([name]) => fileIds(data[name]));
  if (!ids.length) return;
  const own = documentId ? (await strapi.db.query(uid as never).findMany({ select: ['id'], where: { documentId } })).map((r: { id: number }) => r.id) : [];
  const foreign = await strapi.db
    .connection('files_related_mph')
    .whereIn('file_id', ids)
    .whereNot((q) => q.where('related_type', uid).whereIn('related_id', own.length ? own : [0]))
    .first('file_id');
  if (foreign) throw new errors.ForbiddenError('Ce fichier est déjà joint à un autre document : déposez-le à nouveau.');
  // An older version is attached to nothing, yet belongs to its piece: attaching it elsewhere would reveal it.
  const earlier = await strapi.db.connection(EVIDENCE_VERSIONS_TABLE).whereIn('file_id', ids).whereNotIn('file_id', strapi.db.connection('files_related_mph').select('file_id')).first('file_id');
  if (earlier) throw new errors.ForbiddenError('Ce fichier est une ancienne version d’une pièce : déposez-le à nouveau.');
}

/** Every version of a piece of evidence (evidence/evidence-store.ts): older files are linked to no document. */
export const EVIDENCE_VERSIONS_TABLE = 'charte_evidence_versions';

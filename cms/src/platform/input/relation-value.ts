import { errors } from '@strapi/utils';

/**
 * A relation as a write sends it: a documentId, an id, `{ documentId }`, or the Content Manager's
 * `{ connect: [...], disconnect: [...] }` / `{ set: [...] }`. Returns the one target it now points
 * to, `null` when it is cleared, or `undefined` when the write leaves it as it was.
 */
export type RelationRef = { documentId: string } | { id: number };

const validId = (n: number) => Number.isSafeInteger(n) && n > 0;

function asRef(value: unknown): RelationRef | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string') return { documentId: value };
  if (typeof value === 'number') return validId(value) ? { id: value } : invalid();
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v.documentId === 'string') return { documentId: v.documentId };
    if (typeof v.id === 'number') return validId(v.id) ? { id: v.id } : invalid();
    if (typeof v.id === 'string') return { documentId: v.id };
  }
  // Anything else ({ id: { $gt: 0 } }, true, a nested list) is not a reference: refused, never
  // read as « leave the relation as it is ».
  return invalid();
}

function invalid(): never {
  throw new errors.ValidationError('Identifiant de relation invalide : un entier positif ou un identifiant de document est attendu.');
}

export function toOneTarget(value: unknown): RelationRef | null | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.length ? asRef(value[value.length - 1]) : null;
  if (value && typeof value === 'object' && ('connect' in value || 'set' in value || 'disconnect' in value)) {
    const v = value as { connect?: unknown[]; set?: unknown[]; disconnect?: unknown[] };
    const list = v.set ?? v.connect;
    if (list && list.length) return asRef(list[list.length - 1]);
    if (v.set || (v.disconnect && v.disconnect.length)) return null;
    return undefined;
  }
  return asRef(value);
}

/** The relation as a write leaves it: the target it sends, else the one the document has (`current`, populated). */
export function finalTarget(data: Record<string, unknown>, current: Record<string, unknown> | null, field: string): RelationRef | null {
  const target = toOneTarget(data[field]);
  if (target !== undefined) return target;
  const linked = current?.[field] as { id: number } | null | undefined;
  return linked ? { id: linked.id } : null;
}

/** A query's `where` for a reference, by id or by documentId. */
export const whereRef = (ref: RelationRef) => ('id' in ref ? { id: ref.id } : { documentId: ref.documentId });

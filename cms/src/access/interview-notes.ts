import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { readScopeFor, roleOf, type Caller } from './read-scope';
import { rolesConfig } from './roles-config';
import { membershipOf } from './service-membership';

interface Entry {
  documentId?: string;
  notes?: unknown;
}

/**
 * Interview notes are personal data (docs/architecture.md, « Rôles et périmètre de lecture »):
 * only the roles of interviewNotesReaders and the heads of the interview's service read them;
 * everyone else gets the interview without its notes.
 */
export async function redactInterviewNotes(strapi: Core.Strapi, caller: unknown, entries: unknown[]): Promise<void> {
  const user = caller as Caller | undefined;
  if (rolesConfig().interviewNotesReaders.includes(roleOf(user))) return;
  const withNotes = (entries as Entry[]).filter((e) => e && e.documentId && 'notes' in e);
  if (!withNotes.length) return;
  const headOf = user ? new Set((await membershipOf(strapi, user.id)).headOf) : new Set<number>();
  const rows = headOf.size
    ? await strapi.db.query('api::interview.interview').findMany({
        select: ['documentId'],
        where: { documentId: { $in: withNotes.map((e) => e.documentId) } },
        populate: { service: { select: ['id'] } },
      })
    : [];
  const readable = new Set(
    rows.filter((r: { service?: { id: number } }) => r.service && headOf.has(r.service.id)).map((r: Entry) => r.documentId),
  );
  for (const entry of withNotes) if (!readable.has(entry.documentId)) delete entry.notes;
}

/**
 * Evaluations embed their interviews when asked to: the same rules apply to the embedded ones. An
 * interview outside the caller's read scope (another service's, linked to one of theirs) is left
 * out, and the notes follow the rule above.
 */
export async function redactEmbeddedInterviewNotes(strapi: Core.Strapi, caller: unknown, entries: unknown[]): Promise<void> {
  const holders = (entries as { interviews?: unknown }[]).filter((e) => e && Array.isArray(e.interviews)) as { interviews: Entry[] }[];
  if (!holders.length) return;
  const scope = await readScopeFor(strapi, 'api::interview.interview', caller as Caller | undefined);
  if (scope) {
    const ids = [...new Set(holders.flatMap((h) => h.interviews.map((i) => i?.documentId).filter((id): id is string => typeof id === 'string')))];
    const rows = ids.length
      ? ((await strapi.documents('api::interview.interview').findMany({ filters: { documentId: { $in: ids }, $and: [scope] } as never, fields: ['documentId'] as never })) as unknown as Entry[])
      : [];
    const readable = new Set(rows.map((r) => r.documentId));
    for (const holder of holders) holder.interviews = holder.interviews.filter((i) => i && readable.has(i.documentId));
  }
  await redactInterviewNotes(strapi, caller, holders.flatMap((h) => h.interviews));
}

function mentionsNotes(value: unknown, depth = 0): boolean {
  if (depth > 16 || !value) return false;
  if (typeof value === 'string') return /(^|[.:,\s])notes($|[.:,\s])/.test(value);
  if (Array.isArray(value)) return value.some((v) => mentionsNotes(v, depth + 1));
  if (typeof value === 'object') return Object.entries(value).some(([k, v]) => k === 'notes' || mentionsNotes(v, depth + 1));
  return false;
}

/**
 * Removing notes from responses is not enough: a filter, a sort or a full-text search on them
 * would still reveal their content. Only the roles that read every note may use them in a query.
 * `fullText`: the type's own full-text search (`_q`) covers the notes (interviews, not evaluations).
 */
export function notesQueryGuard({ fullText }: { fullText: boolean }) {
  return (caller: unknown, query: Record<string, unknown>): void => {
    if (rolesConfig().interviewNotesReaders.includes(roleOf(caller as Caller | undefined))) return;
    if (mentionsNotes(query.filters) || mentionsNotes(query.sort) || (fullText && query._q !== undefined)) {
      throw new errors.ValidationError('La recherche, le tri et les filtres sur les notes d’entretien sont réservés au référent qualité et au DGS.');
    }
  };
}

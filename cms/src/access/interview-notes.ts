import type { Core } from '@strapi/strapi';
import { roleOf, type Caller } from './read-scope';
import { rolesConfig } from './roles-config';
import { membershipOf } from './service-membership';

interface Entry {
  documentId?: string;
  notes?: unknown;
}

/**
 * Interview notes are personal data (DESIGN §6): only the roles of interviewNotesReaders and the
 * heads of the interview's service read them; everyone else gets the interview without its notes.
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

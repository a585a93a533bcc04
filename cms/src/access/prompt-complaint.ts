import { errors } from '@strapi/utils';

/**
 * A roadmap action may cite the complaint that prompted it (« vous nous l'avez dit »), and that
 * complaint may belong to another service, or name its author. Whoever reads the action reads of
 * it only what the public page would say — its nature and when it came in — never its text, its
 * subject or the person; and no filter or sort on it, which would reveal what the response hides.
 */
const SHOWN = ['id', 'documentId', 'kind', 'receivedAt'];

export async function redactPromptComplaint(_strapi: unknown, _caller: unknown, entries: unknown[]): Promise<void> {
  for (const entry of entries as { promptComplaint?: Record<string, unknown> | null }[]) {
    const complaint = entry?.promptComplaint;
    if (!complaint || typeof complaint !== 'object') continue;
    for (const key of Object.keys(complaint)) if (!SHOWN.includes(key)) delete complaint[key];
  }
}

const mentions = (value: unknown, depth = 0): boolean => {
  if (depth > 16 || !value) return false;
  if (typeof value === 'string') return /(^|[.:,\s])promptComplaint($|[.:,\s])/.test(value);
  if (Array.isArray(value)) return value.some((v) => mentions(v, depth + 1));
  if (typeof value === 'object') return Object.entries(value).some(([k, v]) => k === 'promptComplaint' || mentions(v, depth + 1));
  return false;
};

export function promptComplaintQueryGuard(_caller: unknown, query: Record<string, unknown>): void {
  if (mentions(query.filters) || mentions(query.sort)) {
    throw new errors.ValidationError('Les filtres et le tri sur la réclamation à l’origine d’une action ne sont pas permis : elle peut contenir des données personnelles.');
  }
}

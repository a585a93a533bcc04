import { HttpError } from '../platform/http/http-error';
import { isDocumentId } from '../platform/db/document-id';

/** Query parameters of the report endpoints, checked before anything is read. */
export function parseCampaignId(value: unknown): string {
  if (value === undefined || value === '') throw new HttpError(400, 'Précisez la campagne (paramètre campaign=<identifiant>).');
  if (!isDocumentId(value)) throw new HttpError(400, 'Identifiant de campagne invalide.');
  return value;
}

export function parseServiceSlug(value: unknown): string {
  if (value === undefined || value === '') throw new HttpError(400, 'Précisez le service (paramètre service=<identifiant court>).');
  if (typeof value !== 'string' || !/^[a-z0-9-]{1,120}$/.test(value)) throw new HttpError(400, 'Identifiant de service invalide.');
  return value;
}

/** `draft=true` asks for the working draft (every state); absent or `false`, the final report. */
export function parseDraft(value: unknown): boolean {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new HttpError(400, 'Le paramètre draft vaut true ou false.');
}

export type ReportFormat = 'pdf' | 'docx';

/** `format=docx` asks for the Word file the référent edits before sending; absent, the PDF. */
export function parseFormat(value: unknown): ReportFormat {
  if (value === undefined || value === '' || value === 'pdf') return 'pdf';
  if (value === 'docx') return 'docx';
  throw new HttpError(400, 'Le paramètre format vaut pdf ou docx.');
}

import type { StoredCharterVersion } from './charter-versions';
import { formatInstant } from '../platform/calendar/clock';


/** « Version 3 du 22/11/2026, approuvée par Dominique Garnier » — the same line on the page and in the PDF. */
export function versionLine(version: { number: number; createdAt: string; change: Pick<StoredCharterVersion['change'], 'action' | 'actorName'> }): string {
  const verb = version.change.action === 'reopen' ? 'après réouverture d’un principe par' : 'approuvée par';
  return `Version ${version.number} du ${formatInstant(version.createdAt, 'short')}, ${verb} ${version.change.actorName}`;
}

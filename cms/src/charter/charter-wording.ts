import type { CharterVersion } from './charter-versions';

const date = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Paris' });

/** « Version 3 du 22/11/2026, approuvée par dgs » — the same line on the page and in the PDF. */
export function versionLine(version: { number: number; createdAt: string; change: Pick<CharterVersion['change'], 'action' | 'actorName'> }): string {
  const verb = version.change.action === 'reopen' ? 'après réouverture d’un principe par' : 'approuvée par';
  return `Version ${version.number} du ${date.format(new Date(version.createdAt))}, ${verb} ${version.change.actorName}`;
}

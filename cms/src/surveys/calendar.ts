/** The town's calendar day (Europe/Paris), as YYYY-MM-DD: survey dates are days, not instants. */
export function townToday(now = new Date()): string {
  return new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function frenchDate(day: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

export type SurveyStatus = 'upcoming' | 'open' | 'closed';

export function surveyStatus(opensAt: string, closesAt: string | null, today = townToday()): SurveyStatus {
  if (opensAt.slice(0, 10) > today) return 'upcoming';
  if (closesAt && closesAt.slice(0, 10) < today) return 'closed';
  return 'open';
}

export function statusMessage(status: SurveyStatus, opensAt: string, closesAt: string | null): string | null {
  if (status === 'upcoming') return `Cette enquête n’est pas encore ouverte : vous pourrez y répondre à partir du ${frenchDate(opensAt)}.`;
  if (status === 'closed') return `Cette enquête est close depuis le ${frenchDate(closesAt!)}. Merci de votre intérêt.`;
  return null;
}

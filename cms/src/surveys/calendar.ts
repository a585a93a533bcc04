import type { SurveyStatus } from '@charte/contract';
import { formatDay, townToday } from '../platform/calendar/clock';

// Survey dates are days, not instants: compared with the town's today.

export function surveyStatus(opensAt: string, closesAt: string | null, today = townToday()): SurveyStatus {
  if (opensAt.slice(0, 10) > today) return 'upcoming';
  if (closesAt && closesAt.slice(0, 10) < today) return 'closed';
  return 'open';
}

export function statusMessage(status: SurveyStatus, opensAt: string, closesAt: string | null): string | null {
  if (status === 'upcoming') return `Cette enquête n’est pas encore ouverte : vous pourrez y répondre à partir du ${formatDay(opensAt)}.`;
  if (status === 'closed') return `Cette enquête est close depuis le ${formatDay(closesAt!)}. Merci de votre intérêt.`;
  return null;
}

import { errors } from '@strapi/utils';
import { townToday } from '../platform/calendar/clock';

type Data = Record<string, unknown>;

const DATE_FIELDS: Record<string, string> = {
  receivedAt: 'La date de réception',
  acknowledgedAt: 'La date de l’accusé de réception',
  answeredAt: 'La date de réponse',
};

function asDay(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return null;
}

/**
 * A register records what happened: no receipt, acknowledgement or answer dated after today. (The
 * order of the dates is checked beside the other date-order rules, in app/business-rules.ts.)
 */
export function complaintDatesNotInFuture(_strapi: unknown, data: Data): void {
  const today = townToday();
  for (const [field, label] of Object.entries(DATE_FIELDS)) {
    const day = asDay(data[field]);
    if (day && day > today) {
      const message = `${label} ne peut pas être postérieure à aujourd’hui.`;
      throw new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });
    }
  }
}

/** The schema's « required » lets an empty or blank subject through; the register needs one. */
export function complaintSubjectNotBlank(_strapi: unknown, data: Data): void {
  if ('subject' in data && (typeof data.subject !== 'string' || !data.subject.trim())) {
    const message = 'L’objet de la demande est obligatoire.';
    throw new errors.ValidationError(message, { errors: [{ path: ['subject'], message, name: 'ValidationError' }] });
  }
}

/** The register's rules, checked on every write whatever the door (see app/business-rules.ts). */
export const complaintRules = [complaintDatesNotInFuture, complaintSubjectNotBlank];

/**
 * What the audit log keeps of each field.
 * - Bookkeeping columns are left out: they change on every write and say nothing the entry does not.
 * - Secrets (passwords, tokens) are never read into the log. A password change is recorded as
 *   « modifié », without any value; tokens (password reset, e-mail confirmation, invitation) are
 *   left out altogether: they are plumbing, not content.
 * - Personal data (interview notes and interviewees, a complainant's name and e-mail, survey free
 *   answers) is recorded as « modifié » without values: the log is append-only, so a value copied
 *   into it could never be erased when the person asks for it (RGPD, right to erasure).
 */
const BOOKKEEPING = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);
const TOKENS = new Set(['resetPasswordToken', 'confirmationToken', 'registrationToken', 'sessions']);
const SECRET = new Set(['password']);

const PERSONAL: Record<string, string[]> = {
  'api::interview.interview': ['notes', 'interviewees'],
  'api::complaint.complaint': ['contactName', 'contactEmail'],
  'api::survey-response.survey-response': ['answers'],
};

export type FieldPolicy = 'skip' | 'masked' | 'value';

export function fieldPolicy(uid: string, field: string): FieldPolicy {
  if (BOOKKEEPING.has(field) || TOKENS.has(field)) return 'skip';
  if (SECRET.has(field) || PERSONAL[uid]?.includes(field)) return 'masked';
  return 'value';
}

/** What naming a person needs: an account of the front (users-permissions) or of the admin panel. */
export interface Nameable {
  id?: number | null;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
}

/** The columns to read so a person can be named. */
export const NAME_COLUMNS = ['firstname', 'lastname', 'username'] as const;

/**
 * How the product names a person wherever one is named (histories, the charter's signature, mails,
 * the audit log): first and last names, else the login name, else the address.
 */
export function personName(person: Nameable, noun = 'utilisateur'): string {
  const full = [person.firstname, person.lastname].map((part) => part?.trim()).filter(Boolean).join(' ');
  return full || person.username || person.email || `${noun} ${person.id ?? ''}`.trim();
}

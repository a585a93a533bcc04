import { z } from 'zod';
import { rolesConfig } from '../access/roles-config';
import { readConfigFile } from '../platform/config/read-config';

// roles.yaml's own schema ignores keys it does not know: the mail alert reads its one key itself.
const schema = z.object({ mailAlertReaders: z.array(z.string()).default([]) });

let cached: string[] | undefined;
/** The users-permissions roles told when mails stop leaving (config/roles.yaml, `mailAlertReaders`). */
export function mailAlertReaders(): string[] {
  if (cached) return cached;
  const readers = readConfigFile('roles.yaml', schema).mailAlertReaders;
  const roles = rolesConfig().roles;
  const unknown = readers.filter((r) => !roles[r]);
  if (unknown.length) throw new Error(`config/roles.yaml : mailAlertReaders, rôle inconnu « ${unknown.join(', ')} »`);
  cached = readers;
  return readers;
}

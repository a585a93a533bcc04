import { z } from 'zod';
import { readConfigFile } from '../platform/config/read-config';
import { rolesConfig } from '../access/roles-config';

// roles.yaml's own schema ignores keys it does not know: the audit log reads its one key itself.
const schema = z.object({ auditLogReaders: z.array(z.string()).default(['dgs']) });

let cached: string[] | undefined;
/** The users-permissions roles that may read the audit log (config/roles.yaml, `auditLogReaders`). */
export function auditLogReaders(): string[] {
  if (cached) return cached;
  const readers = readConfigFile('roles.yaml', schema).auditLogReaders;
  const roles = rolesConfig().roles;
  const unknown = readers.filter((r) => !roles[r]);
  if (unknown.length) throw new Error(`config/roles.yaml : auditLogReaders, rôle inconnu « ${unknown.join(', ')} »`);
  cached = readers;
  return readers;
}

import { z } from 'zod';
import { rolesConfig } from '../access/roles-config';
import { readConfigFile } from '../platform/config/read-config';

const schema = z
  .object({
    expiringWithinDays: z.number().int().min(1).max(365),
    keepers: z.array(z.string()).min(1),
    writers: z.array(z.string()).min(1),
  })
  .strict();

let cached: z.infer<typeof schema> | undefined;

/** config/evidence.yaml, checked at boot (roles known to config/roles.yaml). */
export function evidenceConfig(): z.infer<typeof schema> {
  if (cached) return cached;
  const file = readConfigFile('evidence.yaml', schema);
  const roles = rolesConfig().roles;
  for (const key of ['keepers', 'writers'] as const) {
    const unknown = file[key].filter((r) => !roles[r]);
    if (unknown.length) throw new Error(`config/evidence.yaml : ${key}, rôle inconnu « ${unknown.join(', ')} »`);
  }
  cached = file;
  return file;
}

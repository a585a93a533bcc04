import { z } from 'zod';
import { readConfigFile } from '../config/read-config';

const CRON = /^(\S+\s+){4}\S+$/;

const schedulesSchema = z
  .object({
    timezone: z.string().min(1),
    jobs: z.record(
      z.string().regex(/^[a-z][a-z0-9-]*$/, 'nom de travail en minuscules et tirets'),
      z
        .object({
          cron: z.string().regex(CRON, 'expression cron à cinq champs attendue (ex. « 0 8 * * 1 »)'),
          enabled: z.boolean().default(true),
          description: z.string().min(1),
        })
        .strict(),
    ),
  })
  .strict();

export type SchedulesConfig = z.infer<typeof schedulesSchema>;

let cached: SchedulesConfig | undefined;

/** config/schedules.yaml, read and checked once. */
export function schedulesConfig(): SchedulesConfig {
  cached ??= readConfigFile('schedules.yaml', schedulesSchema);
  return cached;
}

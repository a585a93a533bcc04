import { z } from 'zod';
import { readConfigFile } from '../platform/config/read-config';
import type { DeadlineRules } from './deadline';

const complaintsSchema = z
  .object({
    deadline: z
      .object({
        days: z.number().int().min(1, 'au moins un jour').max(365, 'au plus 365 jours'),
        counting: z.enum(['calendar', 'working'], { message: '« calendar » (jours calendaires) ou « working » (jours ouvrés) attendu' }),
        extendToNextWorkingDay: z.boolean().default(false),
        alsaceMoselle: z.boolean().default(false),
      })
      .strict(),
    reminders: z
      .object({
        daysBeforeDue: z.number().int().min(0).max(60),
        overdue: z.boolean(),
        subject: z.string().min(1),
        body: z.string().min(1),
      })
      .strict(),
  })
  .strict();

export type ComplaintsConfig = z.infer<typeof complaintsSchema>;

let cached: ComplaintsConfig | undefined;

/** config/complaints.yaml, read and checked once. */
export function complaintsConfig(): ComplaintsConfig {
  cached ??= readConfigFile('complaints.yaml', complaintsSchema);
  return cached;
}

export function deadlineRules(): DeadlineRules {
  return complaintsConfig().deadline;
}

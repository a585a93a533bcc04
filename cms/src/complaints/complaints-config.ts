import { z } from 'zod';
import { readConfigFile } from '../platform/config/read-config';
import type { DeadlineRules } from './deadline';

const deadlineFields = {
  days: z.number().int().min(1, 'au moins un jour').max(365, 'au plus 365 jours'),
  counting: z.enum(['calendar', 'working'], { message: '« calendar » (jours calendaires) ou « working » (jours ouvrés) attendu' }),
  extendToNextWorkingDay: z.boolean().default(false),
};

const complaintsSchema = z
  .object({
    deadline: z.object({ ...deadlineFields, alsaceMoselle: z.boolean().default(false) }).strict(),
    // An accessibility request is answered within the week (RGAA, « Réponse aux usagers »).
    accessibilityDeadline: z.object(deadlineFields).strict().default({ days: 7, counting: 'calendar', extendToNextWorkingDay: false }),
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

/** The deadline of the complaints and suggestions (config/complaints.yaml `deadline`). */
export function deadlineRules(): DeadlineRules {
  return complaintsConfig().deadline;
}

/** The deadline of a request of this kind: an accessibility request has its own (`accessibilityDeadline`). */
export function deadlineRulesFor(kind: unknown): DeadlineRules {
  const { deadline, accessibilityDeadline } = complaintsConfig();
  return kind === 'accessibilite' ? { ...accessibilityDeadline, alsaceMoselle: deadline.alsaceMoselle } : deadline;
}

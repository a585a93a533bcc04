import { z } from 'zod';
import { readConfigFile } from '../platform/config/read-config';

const ruleSchema = z
  .object({
    referential: z.string().min(1, 'code du référentiel attendu'),
    kind: z.enum(['diagnostic', 'audit-interne', 'auto-evaluation'], { errorMap: () => ({ message: 'type attendu : diagnostic, audit-interne ou auto-evaluation' }) }),
    everyMonths: z.number().int().min(1, 'au moins 1 mois').max(120, 'au plus 120 mois'),
    name: z.string().min(1).max(200).refine((n) => n.includes('{année}'), 'le nom doit contenir {année}, sinon deux campagnes porteraient le même nom'),
    durationDays: z.number().int().min(1).max(366),
    prefill: z.boolean().default(false),
    enabled: z.boolean().default(true),
  })
  .strict();

const fileSchema = z.object({ campaigns: z.array(ruleSchema).default([]) }).strict();

export type RecurringRule = z.infer<typeof ruleSchema>;

let cached: RecurringRule[] | undefined;

/** config/recurring-campaigns.yaml, read and checked once. */
export function recurringRules(): RecurringRule[] {
  cached ??= readConfigFile('recurring-campaigns.yaml', fileSchema).campaigns;
  return cached;
}

/** For tests: read the file again (say, from another CHARTE_CONFIG_DIR). */
export function resetRecurringRules(): void {
  cached = undefined;
}

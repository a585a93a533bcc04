import cronParser from 'cron-parser';
import { z } from 'zod';
import { readConfigFile } from '../config/read-config';

const CRON = /^(\S+\s+){4}\S+$/;

/** An IANA time zone Node knows (« Europe/Paris », « Indian/Reunion »…). */
const knownTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** A five-field expression cron-parser (what pg-boss schedules with) accepts: « 0 25 * * * » is refused at boot, not at the first tick. */
const cronProblem = (cron: string): string | null => {
  try {
    cronParser.parseExpression(cron);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

const schedulesSchema = z
  .object({
    timezone: z.string().min(1).refine(knownTimeZone, 'fuseau horaire inconnu (ex. « Europe/Paris »)'),
    jobs: z.record(
      z.string().regex(/^[a-z][a-z0-9-]*$/, 'nom de travail en minuscules et tirets'),
      z
        .object({
          cron: z
            .string()
            .regex(CRON, 'expression cron à cinq champs attendue (ex. « 0 8 * * 1 »)')
            .superRefine((cron, ctx) => {
              const problem = CRON.test(cron) ? cronProblem(cron) : null;
              if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expression cron invalide (${problem}) : minute 0-59, heure 0-23, jour 1-31, mois 1-12, jour de semaine 0-7` });
            }),
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

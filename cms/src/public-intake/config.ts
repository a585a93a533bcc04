import { z } from 'zod';
import { readConfigFile } from '../platform/config/read-config';

const limitsSchema = z
  .object({
    maxBodyBytes: z.number().int().min(256).max(1_000_000),
    perAddress: z.object({
      points: z.number().int().min(1),
      durationSeconds: z.number().int().min(1),
    }).strict(),
  })
  .strict();

const schema = z
  .object({
    forms: z.record(z.string().regex(/^[a-z0-9-]+$/), limitsSchema),
    survey: z
      .object({
        maxTextLength: z.number().int().min(1).max(20_000),
        satisfaction: z
          .object({
            target: z.number().gt(0).max(1),
            satisfied: z
              .object({
                'scale-1-4': z.array(z.number().int().min(1).max(4)),
                'yes-no': z.array(z.boolean()),
              })
              .strict(),
            dissatisfied: z
              .object({
                'scale-1-4': z.array(z.number().int().min(1).max(4)),
                'yes-no': z.array(z.boolean()),
              })
              .strict(),
          })
          .strict()
          .superRefine((rule, context) => {
            for (const kind of ['scale-1-4', 'yes-no'] as const) {
              const both = (rule.satisfied[kind] as unknown[]).filter((value) => (rule.dissatisfied[kind] as unknown[]).includes(value));
              if (both.length) context.addIssue({ code: 'custom', path: ['dissatisfied', kind], message: `une réponse ne peut être à la fois « satisfait » et « insatisfait » (${both.join(', ')})` });
            }
          }),
        standardQuestion: z
          .object({
            id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'identifiant : lettres minuscules, chiffres et tirets'),
            kind: z.enum(['scale-1-4', 'yes-no']),
            label: z.string().min(1).max(300),
          })
          .strict(),
        agents: z.object({ minimumGroup: z.number().int().min(2).max(100) }).strict(),
      })
      .strict(),
  })
  .strict();

export type PublicFormLimits = z.infer<typeof limitsSchema>;
export type PublicFormsConfig = z.infer<typeof schema>;

let cached: PublicFormsConfig | undefined;

/** config/public-forms.yaml, read and checked once. */
export function publicFormsConfig(): PublicFormsConfig {
  cached ??= readConfigFile('public-forms.yaml', schema);
  return cached;
}

/** The limits of one public form, by its name under `forms:` in config/public-forms.yaml. */
export function publicFormLimits(name: string): PublicFormLimits {
  const limits = publicFormsConfig().forms[name];
  if (!limits) throw new Error(`config/public-forms.yaml : aucune limite pour le formulaire « ${name} » (section forms).`);
  return limits;
}

import { z } from 'zod';

/**
 * The shape of a référentiel library file (database/referentiels/*.yaml), shared by the CLI
 * importer, the demo seed and the admin import. Messages are French: they reach the user.
 */
const code = z
  .string({ required_error: 'le code est obligatoire' })
  .trim()
  .min(1, 'le code est obligatoire')
  .max(40, 'le code dépasse 40 caractères');

export const indicatorSchema = z.object({
  code,
  name: z.string().trim().min(1, 'le nom de l’indicateur est obligatoire').max(300),
  unit: z.enum(['pourcentage', 'jours', 'minutes', 'secondes', 'nombre'], {
    errorMap: () => ({ message: 'unité inconnue (attendu : pourcentage, jours, minutes, secondes ou nombre)' }),
  }),
  target: z.number().nullable().optional(),
  direction: z.enum(['higher', 'lower'], {
    errorMap: () => ({ message: 'sens inconnu (attendu : higher ou lower)' }),
  }),
  frequency: z.enum(['mensuelle', 'trimestrielle', 'semestrielle', 'annuelle'], {
    errorMap: () => ({ message: 'fréquence inconnue (mensuelle, trimestrielle, semestrielle ou annuelle)' }),
  }),
});

export const criterionSchema = z.object({
  code,
  title: z.string().trim().min(1, 'le titre de l’engagement est obligatoire').max(300),
  description: z.string().trim().max(5000).default(''),
  guidance: z.string().trim().max(5000).default(''),
  expectedEvidence: z.array(z.string().trim().min(1)).default([]),
  weight: z.number().positive('le poids doit être strictement positif').max(100).default(1),
  services: z.array(z.string().trim().min(1)).default([]),
  indicators: z.array(indicatorSchema).default([]),
});

export const themeSchema = z.object({
  code,
  title: z.string().trim().min(1, 'le titre du thème est obligatoire').max(200),
  order: z.number().int().min(0).optional(),
  criteria: z.array(criterionSchema).default([]),
});

export const referentialHeadSchema = z.object({
  code: z
    .string({ required_error: 'le code du référentiel est obligatoire' })
    .max(60, 'le code du référentiel dépasse 60 caractères')
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'le code du référentiel ne contient que a-z, 0-9 et des tirets'),
  name: z.string({ required_error: 'le nom du référentiel est obligatoire' }).trim().min(1, 'le nom du référentiel est obligatoire').max(200),
  version: z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().max(40, 'la version dépasse 40 caractères')).optional(),
  source: z
    .enum(['qualivilles', 'marianne', 'services-publics-plus', 'local'], {
      errorMap: () => ({ message: 'source inconnue (attendu : qualivilles, marianne, services-publics-plus ou local)' }),
    })
    .default('local'),
  description: z.string().trim().max(5000).default(''),
});

export const referentialLibrarySchema = z
  .object({
    referential: referentialHeadSchema,
    themes: z.array(themeSchema).min(1, 'un référentiel contient au moins un thème'),
  })
  .superRefine((library, ctx) => {
    const seen = { theme: new Set<string>(), criterion: new Set<string>(), indicator: new Set<string>() };
    const once = (kind: keyof typeof seen, value: string, path: (string | number)[], label: string) => {
      if (seen[kind].has(value)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `${label} « ${value} » apparaît deux fois` });
      }
      seen[kind].add(value);
    };
    library.themes.forEach((theme, t) => {
      once('theme', theme.code, ['themes', t, 'code'], 'le code de thème');
      theme.criteria.forEach((criterion, c) => {
        once('criterion', criterion.code, ['themes', t, 'criteria', c, 'code'], 'le code d’engagement');
        criterion.indicators.forEach((indicator, i) =>
          once('indicator', indicator.code, ['themes', t, 'criteria', c, 'indicators', i, 'code'], 'le code d’indicateur'),
        );
      });
    });
  });

export type ReferentialLibrary = z.infer<typeof referentialLibrarySchema>;

/** One French line per problem, with where it is: "themes › 2 › criteria › 0 › weight : …". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.length ? `${issue.path.join(' › ')} : ` : '';
    return `${where}${issue.message}`;
  });
}

import { z } from 'zod';
import { readConfigFile } from './read-config';

const text = (what: string, max = 200) => z.string({ required_error: `${what} est obligatoire` }).trim().min(1, `${what} est obligatoire`).max(max);

const structure = z.object({
  code: text('le code SP+ de la structure', 60),
  typology: text('l’intitulé de la typologie'),
});

const schema = z
  .object({
    town: structure.extend({
      name: text('le nom de la structure').optional(),
      postcode: z.string({ required_error: 'le code postal est obligatoire' }).regex(/^[0-9]{5}$/, 'le code postal a cinq chiffres (entre guillemets)'),
      city: text('la ville'),
    }),
    services: z.record(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'identifiant court de service attendu'), structure.extend({ name: text('le nom de la structure').optional() })).default({}),
    indicatorCodes: z.record(z.string().trim().min(1), text('le code SP+ de l’indicateur', 60)).default({}),
    survey: z
      .object({
        satisfaction: text('le code SP+ du taux de satisfaction globale', 60),
        netSatisfaction: text('le code SP+ du taux net de satisfaction', 60),
      })
      .strict()
      .optional(),
  })
  .strict();

export type OpenDataConfig = z.infer<typeof schema>;

let cached: OpenDataConfig | undefined;
/** config/open-data.yaml: how the town and its services are named on the State's SP+ platform. */
export const openDataConfig = () => (cached ??= readConfigFile('open-data.yaml', schema));

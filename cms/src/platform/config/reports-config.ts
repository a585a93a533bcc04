import { z } from 'zod';
import { readConfigFile } from './read-config';

const schema = z.object({
  town: z.string().trim().min(1, 'le nom de la collectivité est obligatoire').max(200),
  charterSignatory: z.string().trim().min(1).max(200),
});

let cached: z.infer<typeof schema> | undefined;
/** config/reports.yaml: the town's name printed on every report and on the charter. */
export const reportsConfig = () => (cached ??= readConfigFile('reports.yaml', schema));

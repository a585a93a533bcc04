import { z } from 'zod';
import { readConfigFile } from '../platform/config/read-config';

const RESULTS = ['conforme', 'partiel', 'non-conforme', 'non-applicable', 'non-evalue'] as const;

const scoringSchema = z.object({
  points: z.record(z.enum(RESULTS, { errorMap: () => ({ message: `résultat inconnu (${RESULTS.join(', ')})` }) }), z.number().min(0).max(1)),
});

let cached: z.infer<typeof scoringSchema> | undefined;
export const scoring = () => (cached ??= readConfigFile('scoring.yaml', scoringSchema));

/**
 * The SQL expression (with its bindings) giving the points of `resultColumn`, NULL for results that
 * leave the denominator. Built from config/scoring.yaml so that the scale is data, not code.
 */
export function pointsSql(resultColumn: string): { sql: string; bindings: (string | number)[] } {
  const entries = Object.entries(scoring().points);
  return {
    sql: `CASE ${entries.map(() => `WHEN ${resultColumn} = ? THEN ?::numeric`).join(' ')} ELSE NULL END`,
    bindings: entries.flatMap(([result, points]) => [result, points]),
  };
}

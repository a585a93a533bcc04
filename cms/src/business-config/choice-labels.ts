import { z } from 'zod';
import { scoring } from '../progress/scoring';
import { workflowLabels } from '../workflow/definitions';
import { readConfigFile } from './read-config';

const fileSchema = z.object({ choices: z.record(z.string().regex(/^[a-z0-9-]+$/), z.string().min(1)) });

/**
 * The French label of every enumeration value (value → label): workflow states from
 * workflows.yaml, evaluation results from scoring.yaml, everything else from labels.yaml.
 */
let cached: Record<string, string> | undefined;
export function choiceLabels(): Record<string, string> {
  cached ??= { ...readConfigFile('labels.yaml', fileSchema).choices, ...workflowLabels().states, ...scoring().labels };
  return cached;
}

/** The enumeration values of the application's own types (api::) that have no label, as "type.field : value". */
export function unlabelledChoices(contentTypes: Record<string, { attributes: Record<string, { type?: string; enum?: string[] }> }>): string[] {
  const labels = choiceLabels();
  return Object.entries(contentTypes).filter(([uid]) => uid.startsWith('api::')).flatMap(([uid, type]) =>
    Object.entries(type.attributes).flatMap(([field, attribute]) =>
      attribute.type === 'enumeration' ? (attribute.enum ?? []).filter((v) => !labels[v]).map((v) => `${uid}.${field} : ${v}`) : [],
    ),
  );
}

import { z } from 'zod';
import { readConfigFile } from '../business-config/read-config';
import { ACTIONS } from './definitions';

const templateSchema = z.object({ subject: z.string().min(1), body: z.string().min(1) });
const fileSchema = z.object({
  signature: z.string().default(''),
  actions: z.object(Object.fromEntries(ACTIONS.map((a) => [a, templateSchema])) as Record<(typeof ACTIONS)[number], typeof templateSchema>),
});

let cached: z.infer<typeof fileSchema> | undefined;
export const emailTemplates = () => (cached ??= readConfigFile('emails.yaml', fileSchema));

export type TemplateValues = Record<string, string | null | undefined>;

/**
 * Fills `{{name}}` placeholders. A line that held only placeholders which came out empty (say, no
 * comment) is dropped, and so are the blank lines it leaves doubled.
 */
export function fill(template: string, values: TemplateValues): string {
  const lines = template.split('\n').flatMap((line) => {
    const names = [...line.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
    const filled = line.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
    const onlyEmpty = names.length > 0 && names.every((n) => !values[n]) && !line.replace(/\{\{\w+\}\}/g, '').replace(/[«»\s]/g, '');
    return onlyEmpty ? [] : [filled];
  });
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

export function renderEmail(action: (typeof ACTIONS)[number], values: TemplateValues) {
  const { actions, signature } = emailTemplates();
  const template = actions[action];
  return {
    subject: fill(template.subject, values).replace(/\s+/g, ' '),
    text: `${fill(template.body, values)}\n\n${signature.trim()}\n`,
  };
}

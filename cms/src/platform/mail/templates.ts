import { z } from 'zod';
import { readConfigFile } from '../config/read-config';

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

/**
 * Reads a part of config/emails.yaml (each feature checks the templates it uses) together with the
 * signature every mail ends with.
 */
export function emailsConfig<T extends z.ZodRawShape>(shape: T) {
  return readConfigFile('emails.yaml', z.object({ signature: z.string().default(''), ...shape }));
}

let signature: string | undefined;
/** The town's signature under every mail (config/emails.yaml). */
export function mailSignature(): string {
  signature ??= emailsConfig({}).signature.trim();
  return signature;
}

/** A mail's subject on one line and its text with the signature. */
export function renderMail(template: { subject: string; body: string }, values: TemplateValues): { subject: string; text: string } {
  return { subject: fill(template.subject, values).replace(/\s+/g, ' '), text: `${fill(template.body, values)}\n\n${mailSignature()}\n` };
}

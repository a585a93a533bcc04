import { z } from 'zod';
import { emailsConfig, renderMail, type TemplateValues } from '../platform/mail/templates';
import { ACTIONS } from './definitions';

const templateSchema = z.object({ subject: z.string().min(1), body: z.string().min(1) });
const actionsShape = {
  actions: z.object(Object.fromEntries(ACTIONS.map((a) => [a, templateSchema])) as Record<(typeof ACTIONS)[number], typeof templateSchema>),
  /** A circuit's own wording of some actions (config/workflows.yaml key → action → mail), over `actions`. */
  workflows: z.record(z.string(), z.record(z.enum(ACTIONS), templateSchema)).default({}),
};

let cached: { actions: z.infer<typeof actionsShape.actions>; workflows: Record<string, Partial<Record<(typeof ACTIONS)[number], z.infer<typeof templateSchema>>>> } | undefined;
/** The mail of each workflow action (config/emails.yaml, `actions`, and a circuit's own in `workflows`), checked at boot. */
export const transitionTemplates = () => (cached ??= emailsConfig(actionsShape));

export function renderEmail(action: (typeof ACTIONS)[number], values: TemplateValues, workflow?: string) {
  const templates = transitionTemplates();
  return renderMail((workflow && templates.workflows[workflow]?.[action]) || templates.actions[action], values);
}

import { z } from 'zod';
import { emailsConfig, renderMail, type TemplateValues } from '../platform/mail/templates';
import { ACTIONS } from './definitions';

const templateSchema = z.object({ subject: z.string().min(1), body: z.string().min(1) });
const actionsShape = { actions: z.object(Object.fromEntries(ACTIONS.map((a) => [a, templateSchema])) as Record<(typeof ACTIONS)[number], typeof templateSchema>) };

let cached: z.infer<typeof actionsShape.actions> | undefined;
/** The mail of each workflow action (config/emails.yaml, `actions`), checked at boot. */
export const transitionTemplates = () => (cached ??= emailsConfig(actionsShape).actions);

export function renderEmail(action: (typeof ACTIONS)[number], values: TemplateValues) {
  return renderMail(transitionTemplates()[action], values);
}

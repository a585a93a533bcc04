import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { formatDay } from '../platform/calendar/clock';
import { choiceLabel } from '../platform/config/labels';
import { sealMail, type MailJob } from '../platform/mail/mail-queue';
import { emailsConfig, renderMail } from '../platform/mail/templates';
import { activeHeadsOf, activeMembersOfRole, type Recipient } from '../access/role-members';

const templateSchema = z.object({ subject: z.string().min(1), body: z.string().min(1) }).strict();
const shape = { complaints: z.object({ acknowledgement: templateSchema, alert: templateSchema }).strict() };

let cached: z.infer<typeof shape.complaints> | undefined;
/** The mails of the public complaint form (config/emails.yaml, `complaints`), checked at boot. */
export const onlineComplaintTemplates = () => (cached ??= emailsConfig(shape).complaints);

const base = () => (process.env.PUBLIC_URL || `http://localhost:${process.env.PORT ?? 1337}`).replace(/\/$/, '');

/**
 * The follow-up page's link. Reference and code sit in the fragment (after #): browsers never send
 * it to a server, so the code stays out of access logs, proxies and the Referer of outgoing links.
 */
export function followUpLink(reference: string, code: string): string {
  return `${base()}/reclamation/suivi#${new URLSearchParams({ reference, code })}`;
}

export interface OnlineComplaint {
  reference: string;
  kind: 'reclamation' | 'suggestion' | 'accessibilite';
  subject: string;
  receivedAt: string;
  dueDate: string;
  deadlineDays: number;
  code: string;
  contactName?: string;
  contactEmail?: string;
  service: { id: number; name: string } | null;
}

/** Every référent qualité, and the heads of the chosen service; no blocked account, each address once. */
async function alertRecipients(strapi: Core.Strapi, serviceId: number | null): Promise<Recipient[]> {
  const referents = await activeMembersOfRole(strapi, 'referent-qualite');
  const heads = serviceId === null ? [] : ((await activeHeadsOf(strapi, [serviceId])).get(serviceId) ?? []);
  const seen = new Set<string>();
  return [...referents, ...heads].filter((r) => {
    const key = r.email?.toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The acknowledgement (to the one address the citizen typed, if any) and the staff alerts. The
 * alert leaves out the message and the contact details: staff read them in the register, behind
 * their login, rather than in mailboxes that keep them forever.
 */
export async function onlineComplaintMails(strapi: Core.Strapi, complaint: OnlineComplaint): Promise<MailJob[]> {
  const templates = onlineComplaintTemplates();
  const kind = choiceLabel(complaint.kind).toLowerCase();
  const mails: MailJob[] = [];
  if (complaint.contactEmail) {
    const { subject, text } = renderMail(templates.acknowledgement, {
      reference: complaint.reference,
      kind,
      receivedAt: formatDay(complaint.receivedAt),
      dueDate: formatDay(complaint.dueDate),
      deadlineDays: String(complaint.deadlineDays),
      followUpLink: followUpLink(complaint.reference, complaint.code),
      contactName: complaint.contactName,
    });
    // « Bonjour {{contactName}}, » without a name: no space is left before the comma.
    // Sealed: the link holds the follow-up code, which the database keeps only hashed.
    mails.push(sealMail(strapi, { to: complaint.contactEmail, subject, text: text.replace(/ +,/g, ',') }));
  }
  for (const recipient of await alertRecipients(strapi, complaint.service?.id ?? null)) {
    const { subject, text } = renderMail(templates.alert, {
      recipient: recipient.name,
      reference: complaint.reference,
      kind,
      subject: complaint.subject,
      service: complaint.service?.name ?? 'service à attribuer',
      dueDate: formatDay(complaint.dueDate),
      link: `${base()}/reclamations`,
    });
    mails.push({ to: recipient.email, subject, text });
  }
  return mails;
}

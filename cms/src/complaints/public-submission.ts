import type { PublicService, SubmissionReceipt } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { z } from 'zod';
import { deadlineRulesFor } from './complaints-config';
import { dueDate } from './deadline';
import { newFollowUpCode, storeFollowUpCode } from './follow-up';
import { onlineComplaintMails } from './online-mails';
import { COMPLAINT } from './sql';
import { complaintReference } from './register';
import { HttpError } from '../platform/http/http-error';
import { townToday } from '../platform/calendar/clock';
import { type IsoDate } from '../platform/calendar/days';
import { knexExecutor } from '../platform/jobs/job-queue';
import { queueMails } from '../platform/mail/mail-queue';

const SERVICE = 'api::service.service';

/** An empty optional field of the form is the same as an absent one. */
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/**
 * What a citizen may send. Anything else (dates, an outcome) is set by the town, so an unknown
 * field is refused rather than silently dropped. The address is optional: without it the citizen
 * follows the request with its reference and code. One address, never a list: the acknowledgement
 * goes to nobody else.
 */
const submissionSchema = z
  .object({
    kind: z.enum(['reclamation', 'suggestion', 'accessibilite'], { message: 'Précisez s’il s’agit d’une réclamation, d’une suggestion ou d’un problème d’accessibilité.' }),
    subject: z
      .string({ message: 'L’objet est obligatoire.' })
      .trim()
      .min(3, 'L’objet est obligatoire (3 caractères au moins).')
      .max(200, 'L’objet ne doit pas dépasser 200 caractères.'),
    description: z
      .string({ message: 'Décrivez votre demande.' })
      .trim()
      .min(10, 'Décrivez votre demande (10 caractères au moins).')
      .max(5000, 'La description ne doit pas dépasser 5 000 caractères.'),
    contactName: optional(z.string({ message: 'Le nom doit être un texte.' }).trim().max(200, 'Le nom ne doit pas dépasser 200 caractères.')),
    contactEmail: optional(
      z
        .string({ message: 'L’adresse électronique doit être un texte.' })
        .trim()
        .max(254, 'L’adresse électronique est trop longue.')
        .email('L’adresse électronique n’est pas valide (ex. prenom.nom@exemple.fr) ; une seule adresse.'),
    ),
    service: optional(z.string({ message: 'Choisissez le service dans la liste.' }).trim().max(100, 'Service inconnu : choisissez-le dans la liste.')),
  })
  .strict();

export type PublicSubmission = z.infer<typeof submissionSchema>;

const FIELD_NAMES: Record<string, string> = {
  kind: 'kind',
  subject: 'subject',
  description: 'description',
  contactName: 'contactName',
  contactEmail: 'contactEmail',
  service: 'service',
};

/** Checks the citizen's form; a French message per field, as the form shows them beside each input. */
export function parseSubmission(body: unknown): PublicSubmission {
  const data = body && typeof body === 'object' && !Array.isArray(body) ? (body as { data?: unknown }).data : undefined;
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new HttpError(400, 'Corps de requête attendu : { "data": { … } }.');
  // Beside « data », nothing is expected (the guard has already removed the honeypot field).
  const extra = Object.keys(body as object).filter((k) => k !== 'data');
  if (extra.length) throw new HttpError(400, `Champ inconnu : « ${extra[0].slice(0, 60)} ».`);
  const parsed = submissionSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? { path: [], message: `Champ non accepté : ${issue.keys.join(', ')}.` }
        : { path: issue.path.filter((p) => typeof p === 'string' && FIELD_NAMES[p]), message: issue.message },
    );
    throw new HttpError(400, issues.map((i) => i.message).join(' '), { errors: issues });
  }
  return parsed.data;
}

/** What a public submission answers, stored or not (the honeypot answers alike with a made-up number and code). */
export function receiptFor(id: number, receivedAt: IsoDate, followUpCode: string, kind: PublicSubmission['kind']): SubmissionReceipt {
  const rules = deadlineRulesFor(kind);
  return { reference: complaintReference(id, receivedAt), receivedAt, dueDate: dueDate(receivedAt, rules), deadlineDays: rules.days, followUpCode };
}

/** The services a citizen may name (GET /api/public/complaints/services): names only, in order. */
export async function publicServices(strapi: Core.Strapi): Promise<PublicService[]> {
  const rows = (await strapi.db.query(SERVICE).findMany({ select: ['slug', 'name'], orderBy: { name: 'asc' } })) as PublicService[];
  return rows.map(({ slug, name }) => ({ slug, name }));
}

async function chosenService(strapi: Core.Strapi, slug: string | undefined): Promise<{ id: number; name: string } | null> {
  if (!slug) return null;
  const service = (await strapi.db.query(SERVICE).findOne({ select: ['id', 'name'], where: { slug } })) as { id: number; name: string } | null;
  if (!service) throw new HttpError(400, 'Ce service n’existe pas : choisissez-le dans la liste, ou laissez « Je ne sais pas ».', { errors: [{ path: ['service'], message: 'Service inconnu.' }] });
  return service;
}

/**
 * Records a complaint sent through the public form: received today, in the service the citizen
 * chose if any. In one transaction with it: the hash of its follow-up code and its mails (the
 * acknowledgement, the staff alerts), so that none exists without the others.
 */
export async function recordPublicComplaint(strapi: Core.Strapi, submission: PublicSubmission): Promise<SubmissionReceipt> {
  const receivedAt = townToday();
  const service = await chosenService(strapi, submission.service);
  const code = newFollowUpCode();
  return (await strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex.Transaction;
    const created = (await strapi.documents(COMPLAINT).create({
      data: {
        kind: submission.kind,
        channel: 'formulaire-en-ligne',
        receivedAt,
        subject: submission.subject,
        description: submission.description,
        contactName: submission.contactName ?? null,
        contactEmail: submission.contactEmail ?? null,
        service: service?.id ?? null,
      } as never,
    })) as unknown as { id: number };
    await storeFollowUpCode(knex, created.id, code);
    const receipt = receiptFor(created.id, receivedAt, code, submission.kind);
    const mails = await onlineComplaintMails(strapi, { ...receipt, kind: submission.kind, subject: submission.subject, code, contactName: submission.contactName, contactEmail: submission.contactEmail, service });
    await queueMails(knexExecutor(knex), mails);
    return receipt;
  })) as SubmissionReceipt;
}

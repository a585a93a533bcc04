import type { SubmissionReceipt } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { deadlineRules } from './complaints-config';
import { dueDate } from './deadline';
import { COMPLAINT } from './sql';
import { complaintReference } from './register';
import { HttpError } from '../platform/http/http-error';
import { townToday } from '../platform/calendar/clock';
import { type IsoDate } from '../platform/calendar/days';

/**
 * What a citizen may send. Anything else (a service, dates, an outcome) is set by the town, so an
 * unknown field is refused rather than silently dropped.
 */
const submissionSchema = z
  .object({
    kind: z.enum(['reclamation', 'suggestion'], { message: 'Précisez s’il s’agit d’une réclamation ou d’une suggestion.' }),
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
    contactName: z.string().trim().max(200, 'Le nom ne doit pas dépasser 200 caractères.').optional(),
    contactEmail: z
      .string({ message: 'L’adresse électronique est obligatoire pour recevoir la réponse.' })
      .trim()
      .max(254, 'L’adresse électronique est trop longue.')
      .email('L’adresse électronique n’est pas valide (ex. prenom.nom@exemple.fr).'),
  })
  .strict();

export type PublicSubmission = z.infer<typeof submissionSchema>;

const FIELD_NAMES: Record<string, string> = { kind: 'kind', subject: 'subject', description: 'description', contactName: 'contactName', contactEmail: 'contactEmail' };

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

/** What a public submission answers, stored or not (the honeypot answers alike with a made-up number). */
export function receiptFor(id: number, receivedAt: IsoDate): SubmissionReceipt {
  const rules = deadlineRules();
  return { reference: complaintReference(id, receivedAt), receivedAt, dueDate: dueDate(receivedAt, rules), deadlineDays: rules.days };
}

/** Records a complaint sent through the public form: received today, not yet assigned to a service. */
export async function recordPublicComplaint(strapi: Core.Strapi, submission: PublicSubmission): Promise<SubmissionReceipt> {
  const receivedAt = townToday();
  const created = (await strapi.documents(COMPLAINT).create({
    data: {
      kind: submission.kind,
      channel: 'formulaire-en-ligne',
      receivedAt,
      subject: submission.subject,
      description: submission.description,
      contactName: submission.contactName || null,
      contactEmail: submission.contactEmail,
    } as never,
  })) as unknown as { id: number };
  return receiptFor(created.id, receivedAt);
}

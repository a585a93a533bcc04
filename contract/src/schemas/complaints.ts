import { z } from 'zod';
import { REGISTER_ROW_STATUSES, REGISTER_STATES } from '../constants';

export const registerStateSchema = z.enum(REGISTER_STATES);
/** overdue / due-soon / open while unanswered; answered-in-time / answered-late once answered. */
export const registerRowStatusSchema = z.enum(REGISTER_ROW_STATUSES);

/** One complaint of the staff register (no contact details). */
export const registerRowSchema = z.object({
  documentId: z.string(),
  reference: z.string(),
  kind: z.string(),
  channel: z.string(),
  subject: z.string(),
  receivedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  dueDate: z.string(),
  service: z.object({ id: z.number(), name: z.string() }).nullable(),
  status: registerRowStatusSchema,
  /** Calendar days until the due date (negative once late); null once answered. */
  daysLeft: z.number().nullable(),
});

/** GET /api/complaints-register */
export const registerPageSchema = z.object({
  data: z.array(registerRowSchema),
  meta: z.object({ total: z.number(), page: z.number(), pageSize: z.number(), today: z.string(), deadlineDays: z.number() }),
});

/** The indicator « % des réclamations traitées dans les délais » over a period. */
export const complaintResponseRateSchema = z.object({
  /** Complaints and suggestions received in the period. */
  received: z.number(),
  /** Those answered (whenever the answer came). */
  answered: z.number(),
  /** Those answered on or before their due date. */
  answeredInTime: z.number(),
  /** Still open and not yet due today: not counted in the rate. */
  pending: z.number(),
  /** answeredInTime / (received − pending), in % (one decimal); null when nothing to count. */
  rate: z.number().nullable(),
  deadlineDays: z.number(),
});

/** GET /api/complaints-report/response-rate */
export const yearResponseRateSchema = complaintResponseRateSchema.extend({ year: z.number() });

export const countRowSchema = z.object({ key: z.string(), label: z.string(), count: z.number() });

/** GET /api/complaints-report/bilan: the annual « Bilan des réclamations ». */
export const bilanSchema = z.object({
  year: z.number(),
  /** The services counted: null for the whole town. */
  scope: z.object({ serviceIds: z.array(z.number()).nullable() }),
  deadline: z.object({ days: z.number(), counting: z.enum(['calendar', 'working']) }),
  total: z.number(),
  byKind: z.array(countRowSchema),
  byChannel: z.array(countRowSchema),
  byService: z.array(countRowSchema.extend({ answeredInTime: z.number(), lateOrOpenLate: z.number() })),
  bySubject: z.array(countRowSchema),
  byMonth: z.array(z.object({ month: z.number(), count: z.number() })),
  delays: z.object({
    answered: z.number(),
    /** Days from receipt to answer. */
    averageDays: z.number().nullable(),
    medianDays: z.number().nullable(),
    maxDays: z.number().nullable(),
    stillOpenLate: z.number(),
  }),
  responseRate: complaintResponseRateSchema,
});

/**
 * POST /api/public/complaints: what the citizen gets back (never anything stored). `followUpCode` is
 * the secret of the follow-up page, given once: the server keeps only its hash.
 */
export const submissionReceiptSchema = z.object({
  reference: z.string(),
  receivedAt: z.string(),
  dueDate: z.string(),
  deadlineDays: z.number(),
  followUpCode: z.string(),
});

/** A service the citizen may name on the public form (GET /api/public/complaints/services). */
export const publicServiceSchema = z.object({ slug: z.string(), name: z.string() });

/** POST /api/public/complaints/follow-up body: the reference and the secret code of the receipt. */
export const followUpRequestSchema = z.object({ reference: z.string(), code: z.string() });

/**
 * received: not yet given to a service; assigned: a service handles it; answered: the town answered.
 * Nothing the citizen wrote and no contact detail: only where the request stands.
 */
export const followUpStatusSchema = z.enum(['received', 'assigned', 'answered']);

/** POST /api/public/complaints/follow-up answer. */
export const complaintFollowUpSchema = z.object({
  reference: z.string(),
  kind: z.enum(['reclamation', 'suggestion', 'accessibilite']),
  receivedAt: z.string(),
  dueDate: z.string(),
  status: followUpStatusSchema,
  service: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** The « Suite donnée » of the register, as the town wrote it; null when not written. */
  answer: z.string().nullable(),
});

export type RegisterState = z.infer<typeof registerStateSchema>;
export type RegisterRowStatus = z.infer<typeof registerRowStatusSchema>;
export type RegisterRow = z.infer<typeof registerRowSchema>;
export type RegisterPage = z.infer<typeof registerPageSchema>;
export type ComplaintResponseRate = z.infer<typeof complaintResponseRateSchema>;
export type YearResponseRate = z.infer<typeof yearResponseRateSchema>;
export type CountRow = z.infer<typeof countRowSchema>;
export type Bilan = z.infer<typeof bilanSchema>;
export type SubmissionReceipt = z.infer<typeof submissionReceiptSchema>;
export type PublicService = z.infer<typeof publicServiceSchema>;
export type FollowUpRequest = z.infer<typeof followUpRequestSchema>;
export type FollowUpStatus = z.infer<typeof followUpStatusSchema>;
export type ComplaintFollowUp = z.infer<typeof complaintFollowUpSchema>;

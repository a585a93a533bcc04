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

/** POST /api/public/complaints: what the citizen gets back (never anything stored). */
export const submissionReceiptSchema = z.object({ reference: z.string(), receivedAt: z.string(), dueDate: z.string(), deadlineDays: z.number() });

export type RegisterState = z.infer<typeof registerStateSchema>;
export type RegisterRowStatus = z.infer<typeof registerRowStatusSchema>;
export type RegisterRow = z.infer<typeof registerRowSchema>;
export type RegisterPage = z.infer<typeof registerPageSchema>;
export type ComplaintResponseRate = z.infer<typeof complaintResponseRateSchema>;
export type YearResponseRate = z.infer<typeof yearResponseRateSchema>;
export type CountRow = z.infer<typeof countRowSchema>;
export type Bilan = z.infer<typeof bilanSchema>;
export type SubmissionReceipt = z.infer<typeof submissionReceiptSchema>;

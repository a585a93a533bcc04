import { z } from 'zod';
import { MAIL_STATES } from '../constants';

export const mailCountsSchema = z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int() });

/** One mail of the queue, as the admin panel's « Courriels » page lists it. */
export const mailEntrySchema = z.object({
  id: z.string(),
  state: z.enum(MAIL_STATES),
  jobState: z.string(),
  to: z.string(),
  subject: z.string(),
  /** Sending attempts made so far (0: not tried yet). */
  attempts: z.number().int(),
  /** The SMTP server's answer to the last failed attempt, as it gave it (often in English); null when none. */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  /** Waiting for a retry: when it comes. */
  nextAttemptAt: z.string().nullable(),
  /** Sent: when the server accepted it; failed: when it was given up. */
  completedAt: z.string().nullable(),
});

/** GET /charte-admin/mails?state=&page=&pageSize=: one state's mails, one page, and the count of every state. */
export const mailPageSchema = z.object({
  data: z.array(mailEntrySchema),
  meta: z.object({
    state: z.enum(MAIL_STATES),
    counts: mailCountsSchema,
    pagination: z.object({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int(), pageCount: z.number().int() }),
    /** How long pg-boss keeps a finished mail (sent or failed) before deleting it, in days. */
    keptDays: z.number(),
  }),
});

/** POST /charte-admin/mails/retry: the failed mail, queued again for one more attempt. */
export const mailRetriedSchema = z.object({ id: z.string(), state: z.literal('pending') });

/**
 * GET /api/mail-status (the roles of `mailAlertReaders`): whether mails have stopped leaving.
 * Counts only, never a recipient or a subject: the banner sends whoever reads it to the panel.
 */
export const mailStatusSchema = z.object({
  /** Mails have been failing, with none sent since, for longer than `alertAfterMinutes`. */
  alert: z.boolean(),
  /** Since when mails have been failing without any sent since (ISO date), null when none is failing. */
  failingSince: z.string().nullable(),
  /** The same, in whole minutes before the server's now: the banner does not rely on the browser's clock. */
  failingForMinutes: z.number().int().nullable(),
  /** Mails whose last attempt failed since the last one sent (waiting for a retry, or given up). */
  failing: z.number().int(),
  /** Mails not sent yet (new, waiting for a retry, being sent). */
  pending: z.number().int(),
  /** Mails given up after their retries, kept until pg-boss deletes them. */
  failed: z.number().int(),
  alertAfterMinutes: z.number(),
});

export type MailCounts = z.infer<typeof mailCountsSchema>;
export type MailEntry = z.infer<typeof mailEntrySchema>;
export type MailPage = z.infer<typeof mailPageSchema>;
export type MailRetried = z.infer<typeof mailRetriedSchema>;
export type MailStatus = z.infer<typeof mailStatusSchema>;

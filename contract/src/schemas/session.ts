import { z } from 'zod';

/** GET /api/session: the logged-in staff member, their role and the services they belong to. */
export const sessionSchema = z.object({
  /** `name`: first and last names, else the login name — how the product names this person everywhere. */
  user: z.object({ id: z.number(), username: z.string(), name: z.string(), email: z.string() }),
  role: z.object({
    type: z.string(),
    name: z.string(),
    readScope: z.enum(['none', 'own-services', 'all', 'audited-campaign']),
    /** The role is told when mails stop leaving (config/roles.yaml mailAlertReaders): the front then asks GET /api/mail-status. */
    mailAlerts: z.boolean(),
    /** The role reads the « Journal des modifications » (config/roles.yaml auditLogReaders). */
    auditLog: z.boolean(),
    /** The role writes and approves the town's public replies to feedback (config/roles.yaml, `api::feedback-reply.feedback-reply` create). */
    publicReplies: z.boolean(),
    /** The role reads the management review and records its decisions (config/roles.yaml managementReviewReaders). */
    managementReview: z.boolean().default(false),
    /** The role sees every service's pieces to renew (config/evidence.yaml keepers); the others see the pieces they own. */
    evidenceKeeper: z.boolean().default(false),
    /** The role adds versions, dates and procedures (config/evidence.yaml writers). */
    evidenceWriter: z.boolean().default(false),
    /** The role plans the waves of mystery tests (config/roles.yaml `api::mystery-campaign.mystery-planner`). */
    mysteryPlanner: z.boolean().default(false),
  }),
  services: z.array(z.object({ documentId: z.string(), name: z.string(), slug: z.string(), isHead: z.boolean() })),
});

export type Session = z.infer<typeof sessionSchema>;

/** GET /api/sso/providers: the directories of config/sso.yaml, one « Se connecter avec … » button each. */
export const ssoProvidersSchema = z.object({ data: z.array(z.object({ id: z.string(), name: z.string() })) });
export type SsoProviders = z.infer<typeof ssoProvidersSchema>['data'];

/** POST /api/sso/session: a directory sign-in's outcome, read once by the login page (a refusal is the usual French error). */
export const ssoSessionSchema = z.object({ jwt: z.string(), provider: z.string() });
export type SsoSession = z.infer<typeof ssoSessionSchema>;

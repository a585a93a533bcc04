import { z } from 'zod';
import { BUILD_STATES } from '../constants';

/** A référentiel's latest campaign: what a pre-fill would copy from. */
export const lastCampaignSchema = z.object({ documentId: z.string(), name: z.string(), startDate: z.string().nullable(), evaluations: z.number() });

export const builderReferentialSchema = z.object({
  documentId: z.string(),
  code: z.string(),
  name: z.string(),
  criteria: z.number(),
  lastCampaign: lastCampaignSchema.nullable(),
});

export const builderServiceSchema = z.object({ documentId: z.string(), name: z.string(), slug: z.string() });

/** GET /charte-admin/campaigns/builder: what the « Nouvelle campagne » form offers. */
export const builderOptionsSchema = z.object({
  referentials: z.array(builderReferentialSchema),
  services: z.array(builderServiceSchema),
  kinds: z.array(z.object({ value: z.string(), label: z.string() })),
});

/** POST /charte-admin/campaigns/builds: the campaign to build (the cms checks every field). */
export const buildRequestSchema = z.object({
  referential: z.string(),
  name: z.string(),
  kind: z.string(),
  startDate: z.string(),
  endDate: z.string().optional(),
  services: z.array(z.string()),
  prefill: z.boolean(),
});

/** What that POST answers (202): the build to follow. */
export const buildStartedSchema = z.object({ buildId: z.string(), total: z.number() });

/** One refused field of the form (in a 400's details.errors). */
export const fieldErrorSchema = z.object({ path: z.array(z.string()), message: z.string() });

export const buildStateSchema = z.enum(BUILD_STATES);

/** GET /charte-admin/campaigns/builds/:buildId: where a build stands, from whichever instance runs it. */
export const buildStatusSchema = z.object({
  buildId: z.string(),
  state: buildStateSchema,
  done: z.number(),
  total: z.number(),
  prefilled: z.number(),
  campaign: z.object({ documentId: z.string(), name: z.string() }).nullable(),
  message: z.string().nullable(),
});

export type LastCampaign = z.infer<typeof lastCampaignSchema>;
export type BuilderReferential = z.infer<typeof builderReferentialSchema>;
export type BuilderService = z.infer<typeof builderServiceSchema>;
export type BuilderOptions = z.infer<typeof builderOptionsSchema>;
export type BuildRequest = z.infer<typeof buildRequestSchema>;
export type BuildStarted = z.infer<typeof buildStartedSchema>;
export type FieldError = z.infer<typeof fieldErrorSchema>;
export type BuildState = z.infer<typeof buildStateSchema>;
export type BuildStatus = z.infer<typeof buildStatusSchema>;

import { z } from 'zod';
import { MYSTERY_CHANNELS, MYSTERY_DURATION_UNITS, MYSTERY_POINT_KINDS } from '../constants';

const quoted = (values: readonly string[]) => values.map((v) => `« ${v} »`).join(', ');
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export const mysteryChannelSchema = z.enum(MYSTERY_CHANNELS);

/**
 * An observation point of a mystery grid, as the référent qualité writes it (the JSON field
 * `points` of a grid, from the API or the admin panel). Results are stored by point id, so the id
 * stays when the label changes. A target says when the point succeeds: at least this level on the
 * scale, at most this count or this duration (4 rings, 5 working days); a yes-no point succeeds on
 * « oui »; free text is noted, never scored.
 */
export const mysteryPointSchema = z
  .object({
    id: z
      .string({ required_error: 'identifiant « id » manquant', invalid_type_error: 'l’identifiant « id » doit être un texte' })
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'identifiant « id » : lettres minuscules, chiffres et tirets, 40 caractères au plus'),
    label: z
      .string({ required_error: 'intitulé « label » manquant', invalid_type_error: 'l’intitulé « label » doit être un texte' })
      .trim()
      .min(1, 'intitulé « label » vide')
      .max(300, 'intitulé « label » trop long (300 caractères au plus)'),
    kind: z.enum(MYSTERY_POINT_KINDS, { errorMap: () => ({ message: `type « kind » inconnu : attendu ${quoted(MYSTERY_POINT_KINDS)}` }) }),
    weight: z
      .number({ required_error: 'poids « weight » manquant', invalid_type_error: 'le poids « weight » doit être un nombre' })
      .int('le poids « weight » doit être un nombre entier')
      .min(0, 'le poids « weight » va de 0 à 10')
      .max(10, 'le poids « weight » va de 0 à 10'),
    target: z
      .number({ invalid_type_error: 'la cible « target » doit être un nombre' })
      .min(0, 'la cible « target » ne peut pas être négative')
      .max(100000, 'la cible « target » est trop grande')
      .optional(),
    unit: z.enum(MYSTERY_DURATION_UNITS, { errorMap: () => ({ message: `unité « unit » inconnue : attendu ${quoted(MYSTERY_DURATION_UNITS)}` }) }).optional(),
    criteria: z
      .array(z.string({ invalid_type_error: 'chaque code d’engagement « criteria » doit être un texte' }).regex(CODE, 'code d’engagement « criteria » invalide'), {
        invalid_type_error: 'les engagements « criteria » doivent être une liste de codes',
      })
      .max(10, '10 engagements « criteria » au plus')
      .optional(),
    indicator: z.string({ invalid_type_error: 'le code d’indicateur « indicator » doit être un texte' }).regex(CODE, 'code d’indicateur « indicator » invalide').optional(),
  })
  .strict()
  .superRefine((point, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (point.kind === 'text' && point.weight !== 0) issue('weight', 'un point en texte libre ne compte pas dans la note : son poids « weight » doit valoir 0');
    if ((point.kind === 'yes-no' || point.kind === 'text') && point.target !== undefined) issue('target', 'seuls les points « scale », « count » et « duration » ont une cible « target »');
    if (point.kind === 'scale' && point.target !== undefined && (!Number.isInteger(point.target) || point.target < 1 || point.target > 4)) {
      issue('target', 'la cible « target » d’une échelle est un niveau de 1 à 4');
    }
    if ((point.kind === 'count' || point.kind === 'duration') && point.target === undefined) issue('target', 'un point « count » ou « duration » demande une cible « target » (le maximum admis)');
    if (point.kind === 'duration' && point.unit === undefined) issue('unit', `un point « duration » demande une unité « unit » (${quoted(MYSTERY_DURATION_UNITS)})`);
    if (point.kind !== 'duration' && point.unit !== undefined) issue('unit', 'seuls les points « duration » ont une unité « unit »');
    if (point.kind === 'text' && point.indicator !== undefined) issue('indicator', 'un point en texte libre ne peut pas alimenter un indicateur');
  });

export const mysteryPointsSchema = z
  .array(mysteryPointSchema, { required_error: 'les points d’observation sont obligatoires', invalid_type_error: 'les points d’observation doivent être une liste' })
  .min(1, 'la grille doit avoir au moins un point d’observation')
  .max(60, '60 points d’observation au plus')
  .superRefine((points, context) => {
    const seen = new Set<string>();
    points.forEach((point, index) => {
      if (seen.has(point.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `identifiant « ${point.id} » déjà utilisé par un autre point` });
      seen.add(point.id);
    });
    if (!points.some((p) => p.weight > 0)) context.addIssue({ code: 'custom', path: [], message: 'au moins un point doit avoir un poids « weight » supérieur à 0, sans quoi la grille ne donne aucune note' });
  });

/** The keys a point may have, for the refusal that names an unknown one. */
export const MYSTERY_POINT_KEYS = ['id', 'label', 'kind', 'weight', 'target', 'unit', 'criteria', 'indicator'] as const;

export type MysteryPoint = z.infer<typeof mysteryPointSchema>;

export const mysteryAnswerSchema = z.union([z.boolean(), z.number(), z.string()]);

/** GET /api/my-mystery-tests: one test entrusted to the caller, with its channel's grid. */
export const mysteryTesterTestSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  campaign: z.string().nullable(),
  service: z.object({ documentId: z.string(), name: z.string() }).nullable(),
  channel: mysteryChannelSchema,
  channelLabel: z.string(),
  scenario: z.string().nullable(),
  instructions: z.string().nullable(),
  windowStart: z.string(),
  windowEnd: z.string(),
  testedAt: z.string().nullable(),
  sentOn: z.string().nullable(),
  answeredOn: z.string().nullable(),
  answers: z.record(mysteryAnswerSchema),
  observations: z.string().nullable(),
  score: z.number().nullable(),
  delayDays: z.number().nullable(),
  delayWorkingDays: z.number().nullable(),
  workflowState: z.string(),
  points: z.array(mysteryPointSchema),
});

/** PUT /api/mystery-tests/:documentId/result: what the tester writes. */
export const mysteryResultRequestSchema = z.object({
  testedAt: z.string().nullable().optional(),
  sentOn: z.string().nullable().optional(),
  answeredOn: z.string().nullable().optional(),
  answers: z.record(mysteryAnswerSchema).optional(),
  observations: z.string().nullable().optional(),
});

/** POST /api/mystery-campaigns/:documentId/plan. */
export const mysteryPlanRequestSchema = z.object({
  service: z.string(),
  channel: mysteryChannelSchema,
  grid: z.string().optional(),
  count: z.number(),
  testers: z.array(z.string()),
  scenario: z.string().optional(),
  windowStart: z.string().optional(),
  windowEnd: z.string().optional(),
});
export const mysteryPlanResultSchema = z.object({ documentId: z.string(), title: z.string(), tester: z.string() });

export type MysteryTesterTest = z.infer<typeof mysteryTesterTestSchema>;
export type MysteryResultRequest = z.infer<typeof mysteryResultRequestSchema>;
export type MysteryPlanRequest = z.infer<typeof mysteryPlanRequestSchema>;
export type MysteryPlanResult = z.infer<typeof mysteryPlanResultSchema>;

const waveSchema = z.object({ documentId: z.string(), title: z.string(), startDate: z.string(), endDate: z.string() });
const pointFigureSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.string(),
  unit: z.string().nullable(),
  target: z.number().nullable(),
  /** Validated tests that answered the point, and those among them that met it; rate in percent. */
  answered: z.number(),
  met: z.number(),
  rate: z.number().nullable(),
});

/** GET /api/mystery-results?campaign=: a wave's validated results, per service and channel. */
export const mysteryFiguresSchema = z.object({
  campaign: waveSchema.nullable(),
  previous: waveSchema.nullable(),
  campaigns: z.array(waveSchema),
  rows: z.array(
    z.object({
      service: z.object({ documentId: z.string(), name: z.string(), slug: z.string() }),
      channel: mysteryChannelSchema,
      channelLabel: z.string(),
      tests: z.number(),
      score: z.number().nullable(),
      previousScore: z.number().nullable(),
      /** Validated tests of the same service and channel in the previous wave (0 without one). */
      previousTests: z.number(),
      points: z.array(pointFigureSchema),
      /** The points measured in days: the share of tests answered within each target delay. */
      delays: z.array(pointFigureSchema),
    }),
  ),
});
export type MysteryFigures = z.infer<typeof mysteryFiguresSchema>;

/**
 * GET /api/mystery-tests/:documentId/evidence: the evaluations a validated test can be attached to
 * as evidence — those of its service, on an engagement one of its points observes, in a campaign
 * whose period contains the day of the test.
 */
export const mysteryEvidenceTargetSchema = z.object({
  evaluation: z.object({ documentId: z.string(), workflowState: z.string() }),
  campaign: z.object({ documentId: z.string(), name: z.string() }),
  criterion: z.object({ code: z.string(), title: z.string() }),
  /** The test's points that observe this engagement, in the grid's order. */
  points: z.array(z.string()),
  /** The piece this test already is on the evaluation, if it was attached. */
  attached: z.object({ fileId: z.number(), name: z.string(), url: z.string() }).nullable(),
  /** Why it cannot be attached now (the evaluation is no longer editable, the caller's role), or null. */
  blocked: z.string().nullable(),
});
/** POST /api/mystery-tests/:documentId/evidence: attaches the test's result sheet (PDF) to one evaluation. */
export const mysteryEvidenceRequestSchema = z.object({ evaluation: z.string() }).strict();
export type MysteryEvidenceTarget = z.infer<typeof mysteryEvidenceTargetSchema>;
export type MysteryEvidenceRequest = z.infer<typeof mysteryEvidenceRequestSchema>;

/**
 * GET /api/mystery-campaigns/:documentId/planning: what the référent qualité needs to plan a wave —
 * the services, the channels with their grids, the accounts that can test (and the services each
 * belongs to, which they may never test), and the wave's tests so far per service and channel.
 */
export const mysteryWavePlanningSchema = z.object({
  wave: waveSchema,
  services: z.array(z.object({ documentId: z.string(), name: z.string() })),
  channels: z.array(z.object({ value: mysteryChannelSchema, label: z.string(), grids: z.array(z.object({ documentId: z.string(), title: z.string() })) })),
  testers: z.array(z.object({ documentId: z.string(), name: z.string(), role: z.string(), services: z.array(z.string()) })),
  rows: z.array(
    z.object({
      service: z.object({ documentId: z.string(), name: z.string() }),
      channel: mysteryChannelSchema,
      channelLabel: z.string(),
      /** Tests per state: to play (draft), submitted, validated. */
      draft: z.number(),
      submitted: z.number(),
      validated: z.number(),
      testers: z.array(z.string()),
    }),
  ),
  /** The tests not played yet (draft), which the planner may still cancel: by service, channel, window. */
  upcoming: z.array(
    z.object({
      documentId: z.string(),
      service: z.string(),
      channelLabel: z.string(),
      tester: z.string().nullable(),
      windowStart: z.string(),
      windowEnd: z.string(),
    }),
  ),
});
export type MysteryWavePlanning = z.infer<typeof mysteryWavePlanningSchema>;

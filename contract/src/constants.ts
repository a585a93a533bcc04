/**
 * The id of the `<script type="application/json">` in which the cms writes the model map
 * (GET /api/labels) into the front's index.html: the first paint has every label, without a request.
 */
export const LABELS_ELEMENT_ID = 'charte-labels';

/**
 * The workflow's vocabulary: how a caller must relate to a document — to its service (`member`,
 * `head`), or as its author (`author`: a mystery test's tester, who belongs to another service) —
 * and the actions.
 */
export const SCOPES = ['any', 'member', 'head', 'author'] as const;
/** `report` keeps the state: it records a follow-up (the fields a transition `updates`) with its comment; `acknowledge` and `settle` are the steps of an audit finding. */
export const ACTIONS = ['submit', 'validate', 'approve', 'reject', 'reopen', 'report', 'acknowledge', 'settle'] as const;

/**
 * Hidden field of the public forms (complaint, survey answer): out of sight and of the tab order for
 * people, filled by most form-spamming robots. The front renders it empty; the cms's guard removes it
 * from the body and, when it is filled, answers as usual and stores nothing.
 */
export const HONEYPOT_FIELD = 'siteWeb';

/** The kinds of a survey question. */
export const QUESTION_KINDS = ['scale-1-4', 'yes-no', 'choice', 'text'] as const;

/** The four steps of the satisfaction scale, as the public form, the results and the export name them. */
export const SCALE_LABELS = {
  1: 'Pas du tout satisfait',
  2: 'Peu satisfait',
  3: 'Satisfait',
  4: 'Très satisfait',
} as const satisfies Record<1 | 2 | 3 | 4, string>;

/** When a survey can be answered, from its dates and the town's today. */
export const SURVEY_STATUSES = ['upcoming', 'open', 'closed'] as const;

/** Who a survey asks: the public (anonymous public form) or the town's staff (after login, anonymous answers). */
export const SURVEY_AUDIENCES = ['usagers', 'agents'] as const;

/** How a survey answer came in: typed by the respondent online, or a paper questionnaire typed in by staff. */
export const SURVEY_SOURCES = ['online', 'paper'] as const;

/**
 * The values of the enumerations the screens offer, in the order they offer them (their labels are
 * in config/labels.yaml, `choices`; test/unit/contract-enums.test.ts holds them to the cms's schemas).
 */
export const EVALUATION_RESULTS = ['conforme', 'partiel', 'non-conforme', 'non-applicable', 'non-evalue'] as const;
export const ROADMAP_STATUSES = ['a-lancer', 'en-cours', 'abouti', 'abandonne'] as const;
export const ROADMAP_PRIORITIES = ['haute', 'moyenne', 'basse'] as const;
export const COMPLAINT_KINDS = ['reclamation', 'suggestion', 'accessibilite'] as const;
export const COMPLAINT_CHANNELS = ['formulaire-en-ligne', 'courrier', 'courriel', 'telephone', 'guichet', 'reseaux-sociaux'] as const;

/** How the roadmap groups its actions. */
export const ROADMAP_GROUPINGS = ['principle', 'service'] as const;

/** Which complaints the register lists. */
export const REGISTER_STATES = ['open', 'overdue', 'answered', 'all'] as const;

/** Where a complaint of the register stands against its deadline. */
export const REGISTER_ROW_STATUSES = ['overdue', 'due-soon', 'open', 'answered-in-time', 'answered-late'] as const;

/** The levels of a référentiel file (one sheet each), and what an import would do with a row. */
export const ROW_KINDS = ['referential', 'theme', 'criterion', 'indicator'] as const;
export const ROW_STATUSES = ['added', 'updated', 'unchanged', 'error'] as const;

/** Who wrote a journal entry, and through which door. */
export const ACTOR_KINDS = ['user', 'admin', 'public', 'system'] as const;
export const ORIGINS = ['rest', 'admin', 'script'] as const;

/** The states of a campaign build (admin panel « Nouvelle campagne »). */
export const BUILD_STATES = ['running', 'done', 'failed'] as const;

/**
 * What a person sees of a mail: waiting (new, waiting for a retry, being sent), sent, or failed
 * (given up after its retries). pg-boss's own states are finer; the panel keeps the exact one too.
 */
export const MAIL_STATES = ['pending', 'sent', 'failed'] as const;
export type MailState = (typeof MAIL_STATES)[number];

/** The channels a mystery test goes through, one grid each (their labels are in config/labels.yaml, `choices`). */
export const MYSTERY_CHANNELS = ['appel', 'courriel', 'courrier', 'formulaire-web', 'visite'] as const;
export type MysteryChannel = (typeof MYSTERY_CHANNELS)[number];
/**
 * How an observation point of a mystery grid is answered: yes or no, a level on the 1–4 scale, a
 * duration, a count, or free text (noted, never scored).
 */
export const MYSTERY_POINT_KINDS = ['yes-no', 'scale', 'duration', 'count', 'text'] as const;
export type MysteryPointKind = (typeof MYSTERY_POINT_KINDS)[number];
/**
 * The unit of a duration point. `working-days` and `days` are the delay of an answer, computed from
 * the send and answer dates of the test (the town's calendar), never typed in.
 */
export const MYSTERY_DURATION_UNITS = ['seconds', 'minutes', 'days', 'working-days'] as const;
export type MysteryDurationUnit = (typeof MYSTERY_DURATION_UNITS)[number];
/** The channels whose test is a message sent and answered: their delay is computed from two dates. */
export const MYSTERY_WRITTEN_CHANNELS = ['courriel', 'courrier', 'formulaire-web'] as const satisfies readonly MysteryChannel[];

/** The grades of an audit finding, mildest first (their rules are in config/audits.yaml, their labels in config/labels.yaml). */
export const FINDING_GRADES = ['point-fort', 'piste-de-progres', 'non-conformite-mineure', 'non-conformite-majeure'] as const;
export type FindingGrade = (typeof FINDING_GRADES)[number];

import { createHash } from 'node:crypto';
import type { SecurityFixtures, Role } from './fixtures';

/**
 * Every write route of the app, with a VALID example of its call: the hostile-input suite
 * (test/api/hostile-input.test.ts) lists the routes from the running router and fails on any write
 * route missing here, so a new route cannot escape it. The malformed variants are built from these
 * examples, and the example itself must succeed, which proves each variant fails for what it breaks.
 *
 * To register a route:
 * - a content type's REST routes (POST/PUT/DELETE /api/<plural>…) only need `validData[uid]`: the
 *   data of a valid create, in the service of the caller (« accueil »);
 * - any other route needs an entry in `customRoutes`, keyed « METHOD /path/as/the/router/says ».
 */

let counter = 0;
/** Unique suffix: codes, names and slugs are often unique. */
export const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter += 1)}`;

type Data = Record<string, unknown>;

export const validData: Record<string, (f: SecurityFixtures) => Data> = {
  'api::audit-finding.audit-finding': (f) => ({
    campaign: f.campaign.documentId, service: f.own.documentId, criterion: f.criterion.documentId, grade: 'piste-de-progres',
    fact: 'Les horaires affichés à l’entrée diffèrent de ceux du site.', requirement: 'QV-01 — une signalétique à jour.',
  }),
  'api::campaign.campaign': (f) => ({ name: unique('Campagne'), kind: 'auto-evaluation', startDate: '2026-09-01', referential: f.referential.documentId }),
  'api::charter-principle.charter-principle': () => ({ title: unique('Principe'), text: 'Nous répondons à chaque courriel.', order: 50 }),
  'api::complaint.complaint': (f) => ({
    kind: 'reclamation', channel: 'guichet', receivedAt: '2026-05-04', subject: 'Attente trop longue', service: f.own.documentId,
  }),
  'api::criterion.criterion': (f) => ({ code: unique('SEC'), title: 'Engagement de test', weight: 1, theme: f.theme.documentId }),
  'api::evaluation.evaluation': (f) => ({
    result: 'partiel', findings: 'Constat de test', campaign: f.campaign.documentId, criterion: f.criterion.documentId, service: f.own.documentId,
  }),
  'api::feedback-reply.feedback-reply': (f) => ({
    complaint: f.freshComplaints[(counter += 1) % f.freshComplaints.length].documentId,
    said: 'Les horaires du samedi ne sont pas affichés.',
    reply: 'Ils le sont désormais à l’entrée et sur le site.',
  }),
  'api::indicator.indicator': (f) => ({
    code: unique('IND'), name: 'Indicateur de test', unit: 'pourcentage', direction: 'higher', frequency: 'mensuelle', criterion: f.criterion.documentId,
  }),
  'api::interview.interview': (f) => ({
    date: '2026-03-01T10:00:00.000Z', interviewees: 'Équipe', interviewer: 'Référent', campaign: f.campaign.documentId, service: f.own.documentId,
  }),
  // One measure per indicator, service and period: each example takes a month of its own.
  'api::measure.measure': (f) => ({ period: `${1990 + (counter % 30)}-${String(1 + ((counter += 1) % 12)).padStart(2, '0')}-01`, value: 87.5, indicator: f.indicator.documentId, service: f.own.documentId }),
  'api::mystery-campaign.mystery-campaign': () => ({ title: unique('Vague'), startDate: '2026-09-01', endDate: '2026-10-31' }),
  'api::mystery-grid.mystery-grid': () => ({ title: unique('Grille'), channel: 'visite', points: [{ id: 'accueil', label: 'Agent qui salue', kind: 'yes-no', weight: 1, criteria: ['QV-11'] }] }),
  'api::mystery-test.mystery-test': (f) => ({
    service: f.own.documentId, grid: f.mysteryGrid.documentId, tester: f.outsideTester.documentId, windowStart: '2026-09-01', windowEnd: '2026-09-30', scenario: 'Demander un rendez-vous.',
  }),
  'api::referential.referential': () => ({ code: unique('ref'), name: unique('Référentiel'), source: 'local' }),
  'api::roadmap-action.roadmap-action': (f) => ({
    title: 'Action de test', owner: 'Pilote', priority: 'moyenne', actionStatus: 'a-lancer', progress: 0, service: f.own.documentId,
  }),
  'api::service.service': () => {
    const slug = unique('service');
    return { name: slug, slug };
  },
  'api::survey.survey': () => ({ title: unique('Enquête'), questions: [{ id: 'q1', label: 'Êtes-vous satisfait ?', kind: 'scale-1-4' }], opensAt: '2026-06-01' }),
  'api::survey-response.survey-response': (f) => ({ answers: { q1: 4 }, service: f.own.documentId }),
  'api::theme.theme': (f) => ({ code: unique('TH'), title: 'Thème de test', referential: f.referential.documentId }),
  'api::workflow-event.workflow-event': () => ({
    targetUid: 'api::evaluation.evaluation', targetDocumentId: 'x', action: 'submit', fromState: 'draft', toState: 'submitted', at: '2026-01-01T00:00:00Z',
  }),
};

export interface CustomRoute {
  /** Who sends the calls: a role of the content API, or « admin » (admin panel, Super Admin). */
  as: Role | 'admin';
  /** The concrete address of the valid call (the route's parameters filled in). */
  path(f: SecurityFixtures): Promise<string> | string;
  /** The valid body (JSON), or `multipart` for a file upload. */
  body(f: SecurityFixtures): Data;
  /** Status of the valid call; `deniedToAll` when it is refused too (no role may call the route, or no valid call can be built here). */
  ok: number | 'deniedToAll';
}

/** A draft evaluation of « accueil », the target of a valid transition. */
async function draftEvaluation(f: SecurityFixtures): Promise<string> {
  const created = await f.app.documents('api::evaluation.evaluation').create({
    data: { result: 'partiel', findings: 'Constat', campaign: f.campaign.id, criterion: f.criterion.id, service: f.own.id } as never,
  });
  return (created as unknown as { documentId: string }).documentId;
}

/**
 * A validated evaluation of « accueil », the target of a valid batch approval: set by the route's
 * `path` (called before `body`), written below the Document Service as a fixture.
 */
let validatedForBatch = '';
async function validatedEvaluation(f: SecurityFixtures): Promise<string> {
  validatedForBatch = await draftEvaluation(f);
  await f.app.db.query('api::evaluation.evaluation').update({ where: { documentId: validatedForBatch }, data: { workflowState: 'validated' } });
  return '/api/workflow/batch';
}

/**
 * A principle put in « Soumis » (below the Document Service, which never sets a state), and every
 * submitted principle: the charter's approval names exactly those it approves.
 */
let submittedPrinciples: string[] = [];
async function submittedPrinciple(f: SecurityFixtures): Promise<void> {
  const uid = 'api::charter-principle.charter-principle';
  const created = (await f.app.documents(uid).create({ data: { title: unique('Principe'), text: 'Nous répondons à chaque courriel.', order: 60 } as never })) as unknown as { documentId: string };
  await f.app.db.query(uid).update({ where: { documentId: created.documentId }, data: { workflowState: 'submitted' } });
  submittedPrinciples = (await f.app.db.query(uid).findMany({ select: ['documentId'], where: { workflowState: 'submitted' } })).map((p: { documentId: string }) => p.documentId);
}

/** An open survey of the demo town, and a valid answer to each of its questions. */
let lastAnswers: Record<string, unknown> = {};
async function openSurvey(f: SecurityFixtures, audience: 'usagers' | 'agents' = 'usagers'): Promise<{ documentId: string }> {
  const today = new Date().toISOString().slice(0, 10);
  const survey = (await f.app.db.query('api::survey.survey').findOne({
    where: { audience, opensAt: { $lte: today }, $or: [{ closesAt: { $null: true } }, { closesAt: { $gte: today } }] },
  })) as { documentId: string; questions: { id: string; kind: string; options?: string[] }[] } | null;
  if (!survey) throw new Error('Aucune enquête ouverte dans la ville de démonstration');
  const answer = (q: { kind: string; options?: string[] }) => ({ 'scale-1-4': 3, 'yes-no': true, choice: q.options?.[0], text: 'Accueil agréable.' })[q.kind];
  lastAnswers = Object.fromEntries(survey.questions.map((q) => [q.id, answer(q)]));
  return survey;
}

/** A valid body of the survey editor (a new question has no id: the cms names it). */
const editorDraft = () => ({
  title: unique('Enquête'),
  description: null,
  service: null,
  opensAt: '2026-06-01',
  closesAt: null,
  questions: [{ kind: 'scale-1-4', label: 'Êtes-vous satisfait ?', required: true }],
});

/** A mail given up after its retries, written as pg-boss leaves one (pgboss.job, state failed): the target of a valid « Réessayer ». */
let lastFailedMail = '';
async function failedMail(f: SecurityFixtures): Promise<string> {
  const { rows } = await f.app.db.connection.raw(
    `insert into pgboss.job (name, data, state, retry_limit, retry_count, started_on, completed_on, output)
     values ('workflow-mail', ?::jsonb, 'failed', 0, 0, now(), now(), ?::jsonb) returning id::text`,
    [JSON.stringify({ to: 'chef.accueil@demo.local', subject: unique('Essai'), text: 'Courriel d’essai' }), JSON.stringify({ message: '452 Boîte pleine' })],
  );
  return rows[0].id as string;
}

/**
 * A complaint of the demo town with a known follow-up code: the hash written the way the cms
 * writes it (cms/src/complaints/follow-up.ts), so that the valid call finds it.
 */
const FOLLOW_UP_CODE = 'code-de-suivi-de-test-01';
let followUpReference = '';
async function followedComplaint(f: SecurityFixtures): Promise<string> {
  const knex = f.app.db.connection;
  const row = (await knex('complaints').orderBy('id').first('id', 'received_at')) as { id: number; received_at: Date | string };
  const received = row.received_at instanceof Date ? row.received_at.getFullYear() : String(row.received_at).slice(0, 4);
  const hash = createHash('sha256').update(FOLLOW_UP_CODE).digest();
  await knex('charte_complaint_follow_up').insert({ complaint_id: row.id, code_hash: hash }).onConflict('complaint_id').merge();
  followUpReference = `REC-${received}-${String(row.id).padStart(5, '0')}`;
  return '/api/public/complaints/follow-up';
}

/** A draft mystery test of « scolaire » entrusted to the accueil agent: the target of a valid result. */
async function draftMysteryTest(f: SecurityFixtures): Promise<string> {
  const created = (await f.app.documents('api::mystery-test.mystery-test').create({
    data: { service: f.other.id, grid: f.mysteryGrid.id, tester: f.users.agent!.id, windowStart: '2026-09-01', windowEnd: '2026-09-30' } as never,
  })) as unknown as { documentId: string };
  return `/api/mystery-tests/${created.documentId}/result`;
}

/**
 * A file attached to a draft evaluation of « accueil » as the front attaches one (its evidence
 * media field), written below the API: the target of a valid « valable jusqu'au » change.
 */
async function attachedEvidence(f: SecurityFixtures): Promise<string> {
  const documentId = await draftEvaluation(f);
  const name = unique('preuve');
  const file = (await f.app.db.query('plugin::upload.file').create({
    data: { name: `${name}.pdf`, hash: name, ext: '.pdf', mime: 'application/pdf', size: 1, url: `/uploads/${name}.pdf`, provider: 'local' },
  })) as { id: number };
  await f.app.db.query('api::evaluation.evaluation').update({ where: { documentId }, data: { evidence: [file.id] } });
  return `/api/evidence/${file.id}`;
}

/**
 * A validated call test of « accueil » played during « Diagnostic initial 2026 », and a draft
 * evaluation of accueil on QV-16, which the call grid observes: the target of a valid attachment
 * (set by the route's `path`, called before `body`).
 */
let evidenceEvaluation = '';
async function validatedMysteryTest(f: SecurityFixtures): Promise<string> {
  const created = (await f.app.documents('api::mystery-test.mystery-test').create({
    data: { service: f.own.id, grid: f.mysteryGrid.id, tester: f.outsideTester.id, windowStart: '2026-03-01', windowEnd: '2026-03-31', testedAt: '2026-03-10T10:00:00+01:00', answers: { decroche: true, sonneries: 2 } } as never,
  })) as unknown as { documentId: string };
  await f.app.db.query('api::mystery-test.mystery-test').update({ where: { documentId: created.documentId }, data: { workflowState: 'validated' } });
  const criterion = (await f.app.db.query('api::criterion.criterion').findOne({ where: { code: 'QV-16', theme: { referential: { id: f.referential.id } } } })) as { id: number };
  const evaluation = await f.app.documents('api::evaluation.evaluation').create({
    data: { result: 'partiel', campaign: f.campaign.id, criterion: criterion.id, service: f.own.id } as never,
  });
  evidenceEvaluation = (evaluation as unknown as { documentId: string }).documentId;
  return `/api/mystery-tests/${created.documentId}/evidence`;
}

const denied = (path: string, as: Role = 'referent-qualite'): CustomRoute => ({ as, path: () => path, body: () => ({}), ok: 'deniedToAll' });

export const customRoutes: Record<string, CustomRoute> = {
  'POST /api/workflow/:collection/:documentId/transitions': {
    as: 'agent',
    path: async (f) => `/api/workflow/evaluations/${await draftEvaluation(f)}/transitions`,
    body: () => ({ action: 'submit' }),
    ok: 200,
  },
  'POST /api/workflow/batch': {
    as: 'dgs',
    path: validatedEvaluation,
    body: () => ({ action: 'approve', items: [{ collection: 'evaluations', documentId: validatedForBatch }] }),
    ok: 200,
  },
  'POST /api/workflow/decisions/:name': {
    as: 'dgs',
    path: async (f) => {
      await submittedPrinciple(f);
      return '/api/workflow/decisions/charter-approval';
    },
    body: () => ({ documents: submittedPrinciples }),
    ok: 200,
  },
  'POST /charte-admin/workflow/:uid/:documentId/transitions': {
    as: 'admin',
    path: async (f) => `/charte-admin/workflow/api::evaluation.evaluation/${await draftEvaluation(f)}/transitions`,
    body: () => ({ action: 'submit' }),
    ok: 200,
  },
  'POST /charte-admin/campaigns/builds': {
    as: 'admin',
    path: () => '/charte-admin/campaigns/builds',
    body: (f) => ({ referential: f.referential.documentId, name: unique('Campagne'), kind: 'auto-evaluation', startDate: '2026-10-01', services: [f.own.documentId] }),
    ok: 202,
  },
  'POST /api/public/complaints': {
    as: 'public',
    path: () => '/api/public/complaints',
    body: () => ({ data: { kind: 'suggestion', subject: 'Horaires du samedi', description: 'Ouvrir le samedi matin.', contactEmail: 'habitant@example.org' } }),
    ok: 201,
  },
  'POST /api/public/complaints/follow-up': {
    as: 'public',
    path: followedComplaint,
    body: () => ({ reference: followUpReference, code: FOLLOW_UP_CODE }),
    ok: 200,
  },
  'POST /api/public/surveys/:documentId/responses': {
    as: 'public',
    path: async (f) => `/api/public/surveys/${(await openSurvey(f)).documentId}/responses`,
    body: () => ({ answers: lastAnswers }),
    ok: 201,
  },
  // The agent survey: one answer per account, the valid one first (the malformed ones are refused before that check).
  'POST /api/agent-surveys/:documentId/responses': {
    as: 'dgs',
    path: async (f) => `/api/agent-surveys/${(await openSurvey(f, 'agents')).documentId}/responses`,
    body: () => ({ answers: lastAnswers }),
    ok: 201,
  },
  // The front's survey editor (référent qualité): a new survey, then one of its own edited.
  'POST /api/survey-editor': {
    as: 'referent-qualite',
    path: () => '/api/survey-editor',
    body: () => editorDraft(),
    ok: 201,
  },
  'PUT /api/survey-editor/:documentId': {
    as: 'referent-qualite',
    path: async (f) => {
      const created = await f.app.documents('api::survey.survey').create({ data: { ...editorDraft(), questions: [{ id: 'q1', kind: 'scale-1-4', label: 'Êtes-vous satisfait ?' }], service: null } as never });
      return `/api/survey-editor/${(created as unknown as { documentId: string }).documentId}`;
    },
    body: () => editorDraft(),
    ok: 200,
  },
  // A paper questionnaire typed in by the référent qualité (any service): not behind the public limit.
  'POST /api/survey-results/:documentId/paper': {
    as: 'referent-qualite',
    path: async (f) => `/api/survey-results/${(await openSurvey(f)).documentId}/paper`,
    body: () => ({ answers: lastAnswers }),
    ok: 201,
  },
  // The admin panel's « Courriels »: every variant after the valid call targets the same mail, sent
  // again by then (409) when the body is not refused first (400).
  'POST /api/mystery-campaigns/:documentId/plan': {
    as: 'referent-qualite',
    path: (f) => `/api/mystery-campaigns/${f.mysteryCampaign.documentId}/plan`,
    body: (f) => ({ service: f.own.documentId, channel: 'appel', count: 1, testers: [f.outsideTester.documentId], windowStart: f.mysteryCampaign.startDate, windowEnd: f.mysteryCampaign.startDate }),
    ok: 201,
  },
  'PUT /api/mystery-tests/:documentId/result': {
    as: 'agent',
    path: (f) => draftMysteryTest(f),
    body: () => ({ testedAt: '2026-09-03T10:00:00+02:00', answers: { decroche: true, sonneries: 2, 'nom-service': true }, observations: 'Accueil rapide.' }),
    ok: 200,
  },
  'POST /api/mystery-tests/:documentId/evidence': {
    as: 'agent',
    path: (f) => validatedMysteryTest(f),
    body: () => ({ evaluation: evidenceEvaluation }),
    ok: 201,
  },
  'POST /charte-admin/mails/retry': {
    as: 'admin',
    path: async (f) => {
      lastFailedMail = await failedMail(f);
      return '/charte-admin/mails/retry';
    },
    body: () => ({ id: lastFailedMail }),
    ok: 200,
  },
  // Multipart uploads of a workbook: the valid file is exercised by referential-import.test.ts; here
  // every call lacks the file, so every call is refused (400).
  'POST /charte-admin/referentials/import/preview': { as: 'admin', path: () => '/charte-admin/referentials/import/preview', body: () => ({}), ok: 'deniedToAll' },
  'POST /charte-admin/referentials/import': { as: 'admin', path: () => '/charte-admin/referentials/import', body: () => ({}), ok: 'deniedToAll' },
  'PUT /api/management-review/decisions': {
    as: 'referent-qualite',
    path: () => '/api/management-review/decisions',
    body: () => ({ year: String(new Date().getFullYear()), decisions: 'Étendre la démarche au service Urbanisme.' }),
    ok: 200,
  },
  'PUT /api/evidence/:fileId': { as: 'agent', path: attachedEvidence, body: () => ({ validUntil: '2027-01-31', title: 'Registre des appels' }), ok: 200 },
  // Multipart uploads of a version or a procedure: the valid file is exercised by evidence.test.ts;
  // here every call lacks the file, so every call is refused (400).
  'POST /api/evidence/:fileId/versions': { as: 'agent', path: async (f) => `${await attachedEvidence(f)}/versions`, body: () => ({}), ok: 'deniedToAll' },
  'POST /api/evidence/procedures': { as: 'agent', path: () => '/api/evidence/procedures', body: () => ({}), ok: 'deniedToAll' },
  // Plugin routes of the content API that config/roles.yaml gives to no role.
  'POST /api/email': denied('/api/email'),
  'POST /api/upload': denied('/api/upload', 'public'),
  'DELETE /api/upload/files/:id': denied('/api/upload/files/1'),
  'POST /api/users': denied('/api/users'),
  'PUT /api/users/:id': denied('/api/users/1'),
  'DELETE /api/users/:id': denied('/api/users/1'),
  'POST /api/users-permissions/roles': denied('/api/users-permissions/roles'),
  'PUT /api/users-permissions/roles/:role': denied('/api/users-permissions/roles/1'),
  'DELETE /api/users-permissions/roles/:role': denied('/api/users-permissions/roles/1'),
  'POST /api/auth/local/register': denied('/api/auth/local/register', 'public'),
  'POST /api/auth/send-email-confirmation': denied('/api/auth/send-email-confirmation', 'public'),
  'POST /api/auth/change-password': denied('/api/auth/change-password', 'agent'),
  'POST /api/auth/refresh': denied('/api/auth/refresh', 'public'),
  'POST /api/auth/logout': denied('/api/auth/logout', 'agent'),
  'DELETE /api/auth/sessions/:sessionId': denied('/api/auth/sessions/1', 'agent'),
  'POST /api/auth/local': {
    as: 'public',
    path: () => '/api/auth/local',
    body: () => ({ identifier: 'agent.accueil@demo.local', password: 'Charte-Accueil-2026' }),
    ok: 200,
  },
  // An unknown address answers 200 too (no way to probe who has an account), and writes nothing.
  'POST /api/auth/forgot-password': { as: 'public', path: () => '/api/auth/forgot-password', body: () => ({ email: 'inconnu@demo.local' }), ok: 200 },
  // No valid example without a code from a real mail: every call, the well-formed one with a wrong
  // code included, is refused (400, or 429 once the attempts are used up).
  'POST /api/auth/reset-password': {
    as: 'public',
    path: () => '/api/auth/reset-password',
    body: () => ({ code: 'code-errone', password: 'Nouveau-Mot-2026!', passwordConfirmation: 'Nouveau-Mot-2026!' }),
    ok: 'deniedToAll',
  },
  // The outcome of a directory sign-in, read from the signed cookie that the callback sets: no valid
  // call without a real sign-in at an OpenID provider (test/api/sso.test.ts makes them). The body is not read.
  'POST /api/sso/session': { as: 'public', path: () => '/api/sso/session', body: () => ({}), ok: 'deniedToAll' },
};

/**
 * Admin-panel routes of Strapi itself (Content Manager, Upload, Users & Permissions settings…):
 * Strapi's code, guarded by its admin permissions, outside this suite. The charte-admin plugin's
 * routes (/charte-admin/…) are ours and are covered.
 */
export const OUT_OF_SCOPE_PREFIXES = ['/admin', '/content-manager', '/content-type-builder', '/content-releases', '/review-workflows', '/i18n', '/upload', '/users-permissions', '/email'];

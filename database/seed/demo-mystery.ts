import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import YAML from 'yaml';
import { z } from 'zod';
import { MYSTERY_CHANNELS } from '@charte/contract';
import { MYSTERY_GRID } from '../../cms/src/mystery-tests/grid-rules';
import { syncMysteryMeasures } from '../../cms/src/mystery-tests/indicator-measures';
import { dayIn, townTimeZone } from '../../cms/src/platform/calendar/clock';
import { databaseDir } from './demo-town';

const gridsFileSchema = z.object({
  grids: z.array(z.object({ channel: z.enum(MYSTERY_CHANNELS), title: z.string(), instructions: z.string().optional(), points: z.unknown() })),
});

/** The grids shipped with the application (database/demo/mystery-grids.yaml), one per channel. */
export function readShippedGrids() {
  const file = path.join(databaseDir(), 'demo', 'mystery-grids.yaml');
  return gridsFileSchema.parse(YAML.parse(fs.readFileSync(file, 'utf8'))).grids;
}

/**
 * Loads the shipped grids through the Document Service, so that they pass the very check a grid
 * written in the admin panel passes (cms/src/mystery-tests/grid-rules.ts).
 */
export async function seedMysteryGrids(strapi: Core.Strapi): Promise<Map<string, { id: number; documentId: string }>> {
  const grids = new Map<string, { id: number; documentId: string }>();
  for (const grid of readShippedGrids()) {
    const created = (await strapi.documents(MYSTERY_GRID).create({ data: grid as never })) as { id: number; documentId: string };
    grids.set(grid.channel, created);
  }
  return grids;
}

type Answers = Record<string, boolean | number | string>;
interface DemoTest {
  service: string;
  channel: 'appel' | 'courriel' | 'courrier' | 'formulaire-web' | 'visite';
  tester: string;
  testedAt: string;
  sentOn?: string;
  answeredOn?: string;
  answers: Answers;
}

/**
 * The demo town's mystery tests: a spring round and an autumn round, all validated (the figures
 * show a trend), among them one e-mail answered late (sent on 28 October, answered on 10 November:
 * 13 days, 9 working days), and a winter round planned, not yet played, in the list of the accueil
 * agent. Testers come from other services.
 */
const ROUNDS: { title: string; startDate: string; endDate: string; scenario: string; tests: DemoTest[] }[] = [
  {
    title: 'Tests mystères — printemps 2026',
    startDate: '2026-04-07',
    endDate: '2026-05-29',
    scenario: 'Se présenter comme un habitant qui arrive dans la commune et demande comment inscrire son enfant.',
    tests: [
      { service: 'accueil-etat-civil', channel: 'appel', tester: 'chef.enfance@demo.local', testedAt: '2026-04-14T09:10:00+02:00', answers: { decroche: true, sonneries: 6, 'formule-accueil': true, 'nom-service': false, attente: 40, courtoisie: 3, 'reponse-exacte': true } },
      { service: 'scolaire-periscolaire', channel: 'appel', tester: 'agent.accueil@demo.local', testedAt: '2026-04-16T11:30:00+02:00', answers: { decroche: false } },
      { service: 'scolaire-periscolaire', channel: 'courriel', tester: 'agent.accueil@demo.local', testedAt: '2026-04-20T10:00:00+02:00', sentOn: '2026-04-20', answeredOn: '2026-04-24', answers: { 'accuse-reception': false, 'reponse-exacte': true, signature: false, clarte: 2 } },
      { service: 'cabinet-du-maire', channel: 'courrier', tester: 'chef.scolaire@demo.local', testedAt: '2026-04-21T08:00:00+02:00', sentOn: '2026-04-21', answeredOn: '2026-05-04', answers: { 'reponse-personnalisee': true, 'reponse-exacte': true, coordonnees: false } },
      { service: 'petite-enfance', channel: 'visite', tester: 'agent.accueil@demo.local', testedAt: '2026-05-05T14:20:00+02:00', answers: { signaletique: false, attente: 15, salutation: true, identifiable: false, confidentialite: true, courtoisie: 3, 'reponse-exacte': true } },
    ],
  },
  {
    title: 'Tests mystères — automne 2026',
    startDate: '2026-10-05',
    endDate: '2026-11-27',
    scenario: 'Demander les pièces à fournir pour une démarche courante du service (première inscription, acte, rendez-vous).',
    tests: [
      { service: 'accueil-etat-civil', channel: 'appel', tester: 'chef.enfance@demo.local', testedAt: '2026-10-06T09:05:00+02:00', answers: { decroche: true, sonneries: 3, 'formule-accueil': true, 'nom-service': true, attente: 20, courtoisie: 4, 'reponse-exacte': true } },
      { service: 'accueil-etat-civil', channel: 'appel', tester: 'chef.scolaire@demo.local', testedAt: '2026-10-13T16:40:00+02:00', answers: { decroche: true, sonneries: 4, 'formule-accueil': true, 'nom-service': false, attente: 75, courtoisie: 3, 'reponse-exacte': true, remarques: 'Musique d’attente puis un agent aimable.' } },
      { service: 'accueil-etat-civil', channel: 'visite', tester: 'chef.cabinet@demo.local', testedAt: '2026-10-17T10:15:00+02:00', answers: { signaletique: true, attente: 6, salutation: true, identifiable: true, confidentialite: false, courtoisie: 4, 'reponse-exacte': true } },
      { service: 'scolaire-periscolaire', channel: 'appel', tester: 'agent.accueil@demo.local', testedAt: '2026-10-08T11:00:00+02:00', answers: { decroche: true, sonneries: 5, 'formule-accueil': false, 'nom-service': true, attente: 30, courtoisie: 3, 'reponse-exacte': false } },
      // The late answer: 13 days, 9 working days (over two weekends), against 7 days and 5 working days.
      { service: 'scolaire-periscolaire', channel: 'courriel', tester: 'agent.accueil@demo.local', testedAt: '2026-10-28T09:30:00+01:00', sentOn: '2026-10-28', answeredOn: '2026-11-10', answers: { 'accuse-reception': false, 'reponse-exacte': true, signature: true, clarte: 3, remarques: 'Réponse complète, mais près de deux semaines après.' } },
      { service: 'petite-enfance', channel: 'formulaire-web', tester: 'chef.accueil@demo.local', testedAt: '2026-10-19T20:10:00+02:00', sentOn: '2026-10-19', answeredOn: '2026-10-22', answers: { 'formulaire-trouve': 3, 'accuse-reception': true, 'reponse-exacte': true } },
      { service: 'petite-enfance', channel: 'visite', tester: 'agent.accueil@demo.local', testedAt: '2026-11-03T14:00:00+01:00', answers: { signaletique: true, attente: 8, salutation: true, identifiable: true, confidentialite: true, courtoisie: 3, 'reponse-exacte': true } },
      { service: 'cabinet-du-maire', channel: 'courrier', tester: 'chef.scolaire@demo.local', testedAt: '2026-10-09T08:00:00+02:00', sentOn: '2026-10-09', answeredOn: '2026-10-20', answers: { 'reponse-personnalisee': true, 'reponse-exacte': true, coordonnees: true } },
      // Across 11 November: 4 days, 3 working days.
      { service: 'cabinet-du-maire', channel: 'courriel', tester: 'chef.accueil@demo.local', testedAt: '2026-11-09T17:45:00+01:00', sentOn: '2026-11-09', answeredOn: '2026-11-13', answers: { 'accuse-reception': true, 'reponse-exacte': true, signature: true, clarte: 4 } },
    ],
  },
];

/** Planned, not yet played: the accueil agent's list in the front. */
const UPCOMING = {
  title: 'Tests mystères — hiver 2026-2027',
  startDate: '2026-11-30',
  endDate: '2027-01-29',
  tests: [
    { service: 'petite-enfance', channel: 'visite', tester: 'agent.accueil@demo.local', windowStart: '2026-12-01', windowEnd: '2026-12-18', scenario: 'Demander comment se déroule la commission d’attribution des places en crèche.' },
    { service: 'scolaire-periscolaire', channel: 'courriel', tester: 'agent.accueil@demo.local', windowStart: '2026-12-01', windowEnd: '2027-01-15', scenario: 'Écrire pour savoir si le centre de loisirs est ouvert pendant les vacances de Noël.' },
    { service: 'cabinet-du-maire', channel: 'appel', tester: 'chef.enfance@demo.local', windowStart: '2027-01-04', windowEnd: '2027-01-29', scenario: 'Demander un rendez-vous avec un adjoint au maire.' },
  ],
} as const;

/**
 * The (service, indicator, month) the validated rounds measure: the demo's year of hand-entered
 * measures leaves them out, so that the measures computed from the tests are the ones the town
 * shows (a measure entered by hand always stands). The grids' indicators are monthly.
 */
export function mysteryMeasuredMonths(): Set<string> {
  const indicatorsOf = new Map(readShippedGrids().map((g) => [g.channel, (g.points as { id: string; indicator?: string }[]).filter((p) => p.indicator)]));
  const keys = new Set<string>();
  for (const round of ROUNDS) {
    for (const t of round.tests) {
      const month = `${dayIn(townTimeZone(), new Date(t.testedAt)).slice(0, 7)}-01`;
      for (const point of indicatorsOf.get(t.channel) ?? []) keys.add(`${t.service}|${point.indicator}|${month}`);
    }
  }
  return keys;
}

const EVENT = 'api::workflow-event.workflow-event';
const TEST = 'api::mystery-test.mystery-test';

/**
 * The rounds above, written through the Document Service (so each test is checked and scored like
 * any other), then moved to « Validé » below it with their history: submitted by the tester the
 * next morning, validated by the référent qualité two days later.
 */
export async function seedMysteryTests(strapi: Core.Strapi, grids: Map<string, { id: number; documentId: string }>): Promise<void> {
  const users = new Map(
    ((await strapi.db.query('plugin::users-permissions.user').findMany({ select: ['id', 'documentId', 'email', 'firstname', 'lastname'], populate: { role: { select: ['type'] } } })) as {
      id: number;
      documentId: string;
      email: string;
      firstname: string;
      lastname: string;
      role: { type: string };
    }[]).map((u) => [u.email, u]),
  );
  const services = new Map(((await strapi.db.query('api::service.service').findMany({ select: ['documentId', 'slug'] })) as { documentId: string; slug: string }[]).map((s) => [s.slug, s.documentId]));
  const qualite = users.get('qualite@demo.local')!;
  const name = (u: { firstname: string; lastname: string }) => `${u.firstname} ${u.lastname}`;
  for (const round of ROUNDS) {
    const wave = (await strapi.documents('api::mystery-campaign.mystery-campaign').create({ data: { title: round.title, startDate: round.startDate, endDate: round.endDate } as never })) as {
      documentId: string;
    };
    for (const t of round.tests) {
      const tester = users.get(t.tester)!;
      const test = (await strapi.documents(TEST).create({
        data: {
          campaign: wave.documentId,
          service: services.get(t.service),
          grid: grids.get(t.channel)!.documentId,
          tester: tester.documentId,
          scenario: round.scenario,
          windowStart: round.startDate,
          windowEnd: round.endDate,
          testedAt: t.testedAt,
          sentOn: t.sentOn,
          answeredOn: t.answeredOn,
          answers: t.answers,
        } as never,
      })) as { documentId: string };
      const done = new Date(t.testedAt).getTime();
      const submittedAt = new Date(Math.max(done, new Date(`${t.answeredOn ?? t.testedAt.slice(0, 10)}T08:00:00Z`).getTime()) + 24 * 3_600_000);
      const validatedAt = new Date(submittedAt.getTime() + 2 * 24 * 3_600_000);
      const event = (action: string, fromState: string, toState: string, actor: typeof tester, at: Date) => ({
        targetUid: TEST, targetDocumentId: test.documentId, action, fromState, toState, actor: actor.id, actorName: name(actor), role: actor.role.type, comment: null, at: at.toISOString(),
      });
      await strapi.db.query(EVENT).create({ data: event('submit', 'draft', 'submitted', tester, submittedAt) });
      await strapi.db.query(EVENT).create({ data: event('validate', 'submitted', 'validated', qualite, validatedAt) });
      // Below the Document Service on purpose: the engine refuses a state in an ordinary write.
      await strapi.db.query(TEST).update({ where: { documentId: test.documentId }, data: { workflowState: 'validated' } });
    }
  }
  // What the validation does (workflows.yaml, effect indicator-measures), for the rounds validated above.
  await syncMysteryMeasures(strapi, null);
  const wave = (await strapi.documents('api::mystery-campaign.mystery-campaign').create({ data: { title: UPCOMING.title, startDate: UPCOMING.startDate, endDate: UPCOMING.endDate } as never })) as {
    documentId: string;
  };
  for (const t of UPCOMING.tests) {
    await strapi.documents(TEST).create({
      data: {
        campaign: wave.documentId,
        service: services.get(t.service),
        grid: grids.get(t.channel)!.documentId,
        tester: users.get(t.tester)!.documentId,
        scenario: t.scenario,
        windowStart: t.windowStart,
        windowEnd: t.windowEnd,
      } as never,
    });
  }
}

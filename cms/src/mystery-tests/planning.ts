import { MYSTERY_CHANNELS, type MysteryChannel } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { rolesConfig } from '../access/roles-config';
import { choiceLabel } from '../platform/config/labels';
import { isDocumentId } from '../platform/db/document-id';
import { HttpError } from '../platform/http/http-error';
import { personName } from '../platform/people/person-name';
import { MYSTERY_GRID } from './grid-rules';
import { checkTester, MYSTERY_TEST } from './test-rules';

export const MYSTERY_CAMPAIGN = 'api::mystery-campaign.mystery-campaign';
const KEYS = ['service', 'channel', 'grid', 'count', 'testers', 'scenario', 'windowStart', 'windowEnd'];
export const MAX_PLANNED = 50;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

const bad = (message: string): never => {
  throw new HttpError(400, message);
};

function dayOf(value: unknown, label: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !ISO.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    return bad(`${label} : une date au format AAAA-MM-JJ est attendue.`);
  }
  return value;
}

/**
 * The référent qualité plans `count` tests of one service on one channel within a wave: each gets
 * the scenario and the date window (the wave's by default), and the testers in turn. Every tester
 * is checked before anything is written (never a member of the tested service); the tests are
 * written in one transaction, each through the Document Service and its rules.
 */
export async function planTests(strapi: Core.Strapi, campaignDocumentId: string, body: unknown) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) bad('Corps de requête attendu : { "service", "channel", "count", "testers", "scenario", "windowStart", "windowEnd" }.');
  const input = body as Record<string, unknown>;
  const unknown = Object.keys(input).filter((k) => !KEYS.includes(k));
  if (unknown.length) bad(`Champ inconnu : ${unknown.map((k) => `« ${k.slice(0, 60)} »`).join(', ')}. Champs possibles : ${KEYS.join(', ')}.`);
  if (!isDocumentId(campaignDocumentId)) throw new HttpError(404, 'Vague de tests introuvable.');
  const campaign = (await strapi.db.query(MYSTERY_CAMPAIGN).findOne({ select: ['id', 'documentId', 'title', 'startDate', 'endDate'], where: { documentId: campaignDocumentId } })) as {
    documentId: string;
    title: string;
    startDate: string;
    endDate: string;
  } | null;
  if (!campaign) throw new HttpError(404, 'Vague de tests introuvable.');

  if (typeof input.service !== 'string' || !isDocumentId(input.service)) bad('« service » : l’identifiant du service testé est attendu.');
  const service = (await strapi.db.query('api::service.service').findOne({ select: ['id', 'documentId', 'name'], where: { documentId: input.service as string } })) as {
    id: number;
    documentId: string;
    name: string;
  } | null;
  if (!service) bad('Service inconnu.');
  const channel = input.channel as MysteryChannel;
  if (typeof channel !== 'string' || !(MYSTERY_CHANNELS as readonly string[]).includes(channel)) {
    bad(`« channel » : canal inconnu. Canaux possibles : ${MYSTERY_CHANNELS.map((c) => `${c} (${choiceLabel(c)})`).join(', ')}.`);
  }
  let grid: string | undefined;
  if (input.grid !== undefined) {
    if (typeof input.grid !== 'string' || !isDocumentId(input.grid)) bad('« grid » : l’identifiant d’une grille est attendu.');
    const found = (await strapi.db.query(MYSTERY_GRID).findOne({ select: ['documentId', 'channel', 'title'], where: { documentId: input.grid as string } })) as { documentId: string; channel: string; title: string } | null;
    if (!found) bad('Grille inconnue.');
    if (found!.channel !== channel) bad(`La grille « ${found!.title} » est celle du canal « ${choiceLabel(found!.channel)} », pas « ${choiceLabel(channel)} ».`);
    grid = found!.documentId;
  } else {
    const grids = await strapi.db.query(MYSTERY_GRID).count({ where: { channel } });
    if (!grids) bad(`Le canal « ${choiceLabel(channel)} » n’a pas encore de grille : créez-la d’abord.`);
    if (grids > 1) bad(`Le canal « ${choiceLabel(channel)} » a plusieurs grilles : précisez « grid ».`);
  }
  const count = input.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_PLANNED) bad(`« count » : un nombre de tests entier de 1 à ${MAX_PLANNED} est attendu.`);
  const scenario = input.scenario ?? null;
  if (scenario !== null && (typeof scenario !== 'string' || scenario.length > 5000)) bad('« scenario » : un texte de 5 000 caractères au plus est attendu.');
  const start = dayOf(input.windowStart, '« windowStart »') ?? String(campaign.startDate).slice(0, 10);
  const end = dayOf(input.windowEnd, '« windowEnd »') ?? String(campaign.endDate).slice(0, 10);
  if (end < start) bad('La fin de la période du test précède son début.');
  if (start < String(campaign.startDate).slice(0, 10) || end > String(campaign.endDate).slice(0, 10)) bad(`La période des tests doit rester dans celle de la vague « ${campaign.title} ».`);

  const testerIds = input.testers;
  if (!Array.isArray(testerIds) || !testerIds.length || testerIds.length > 20 || !testerIds.every((t) => typeof t === 'string' && isDocumentId(t))) {
    bad('« testers » : une liste de 1 à 20 identifiants de comptes est attendue.');
  }
  const unique = [...new Set(testerIds as string[])];
  const testers = (await strapi.db.query('plugin::users-permissions.user').findMany({
    select: ['id', 'documentId', 'firstname', 'lastname', 'username', 'blocked'],
    where: { documentId: { $in: unique } },
    populate: { role: { select: ['type'] } },
  })) as ({ id: number; documentId: string; blocked: boolean; role: { type: string } | null } & Record<string, unknown>)[];
  if (testers.length !== unique.length) bad('Testeur inconnu : choisissez des comptes existants.');
  const roles = rolesConfig().roles;
  for (const tester of testers) {
    if (tester.blocked) bad(`Le compte de ${personName(tester as never)} est bloqué : il ne peut pas faire de test.`);
    if ((roles[tester.role?.type ?? '']?.readScope ?? 'none') === 'none') bad(`${personName(tester as never)} n’a pas de rôle de l’application : un testeur est un agent, un chef de service ou le référent qualité.`);
    await checkTester(strapi, tester, service!);
  }
  const ordered = unique.map((id) => testers.find((t) => t.documentId === id)!);
  return strapi.db.transaction(async () => {
    const created: { documentId: string; title: string; tester: string }[] = [];
    for (let i = 0; i < (count as number); i++) {
      const tester = ordered[i % ordered.length];
      const test = (await strapi.documents(MYSTERY_TEST).create({
        data: { campaign: campaign.documentId, service: service!.documentId, channel, grid, tester: tester.documentId, scenario, windowStart: start, windowEnd: end } as never,
      })) as { documentId: string; title: string };
      created.push({ documentId: test.documentId, title: test.title, tester: personName(tester as never) });
    }
    return created;
  });
}

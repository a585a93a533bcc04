import type { MysteryFigures } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { servicesOrRefuse } from '../access/read-scope';
import { choiceLabel } from '../platform/config/labels';
import { link, tableOf, type Row } from '../platform/db/schema';
import { HttpError } from '../platform/http/http-error';
import type { Caller } from '../platform/http/request';
import { isDocumentId } from '../platform/db/document-id';
import { cachedByVersion, installVersion } from '../platform/db/versioned-cache';
import { mysteryFiguresWorkbook } from './figures-workbook';
import { MYSTERY_GRID } from './grid-rules';
import { MYSTERY_CAMPAIGN } from './planning';
import { MYSTERY_TEST } from './test-rules';

/** The version the figures are kept under (platform/db/versioned-cache.ts). */
const MYSTERY_VERSION = 'mystery';

/** Every table the figures read, and the grids (a grid edit must never leave figures behind). */
const tablesFiguresRead = (strapi: Core.Strapi): string[] => [
  tableOf(strapi, MYSTERY_TEST),
  link(strapi, MYSTERY_TEST, 'campaign').table,
  link(strapi, MYSTERY_TEST, 'service').table,
  link(strapi, MYSTERY_TEST, 'grid').table,
  tableOf(strapi, MYSTERY_CAMPAIGN),
  tableOf(strapi, MYSTERY_GRID),
  tableOf(strapi, 'api::service.service'),
];

/** At boot: the `mystery` version and its triggers. */
export async function installMysteryFiguresVersion(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.transaction((trx) => installVersion(trx, MYSTERY_VERSION, tablesFiguresRead(strapi)));
}

const pgArray = (ids: number[]) => `{${ids.join(',')}}`;
const rate = (met: number, answered: number) => (answered ? Math.round((1000 * met) / answered) / 10 : null);

/**
 * The figures of one wave's validated tests, in SQL (jsonb_each over the outcomes frozen with each
 * result): per service and channel, the number of tests and the mean score on the grid; per
 * observation point, its success rate; the delays are the points measured in days, whose success
 * rate is the share of tests that met the target. Each row also carries the mean score of the same
 * service and channel in the previous wave, for the trend. Only validated results count, and only
 * in the services the caller reads.
 */
export async function mysteryFigures(strapi: Core.Strapi, caller: Caller | undefined, query: Record<string, unknown>): Promise<MysteryFigures> {
  const { services, asked } = await figuresRequest(strapi, caller, query);
  return cachedFigures(strapi, services, asked);
}

/**
 * The figures as a workbook (GET /api/mystery-results/export.xlsx), kept under the same version as
 * the figures it is written from: writing it costs more than computing them.
 */
export async function mysteryFiguresExport(strapi: Core.Strapi, caller: Caller | undefined, query: Record<string, unknown>): Promise<{ buffer: Buffer; fileName: string }> {
  const { services, asked } = await figuresRequest(strapi, caller, query);
  return cachedByVersion(strapi, MYSTERY_VERSION, ['xlsx', asked ?? null, services], async () => {
    const figures = await cachedFigures(strapi, services, asked);
    return { buffer: await mysteryFiguresWorkbook(figures), fileName: `tests-mysteres-${figures.campaign?.startDate ?? 'aucune-vague'}.xlsx` };
  });
}

/** Who may read, which services they read (sorted: one cache entry per set), which wave they ask. */
async function figuresRequest(strapi: Core.Strapi, caller: Caller | undefined, query: Record<string, unknown>): Promise<{ services: number[] | null; asked: string | undefined }> {
  const services = await servicesOrRefuse(strapi, caller, 'Les résultats des tests mystères sont réservés aux agents, chefs de service, au référent qualité et au DGS.');
  const unknown = Object.keys(query).filter((k) => k !== 'campaign');
  if (unknown.length) throw new HttpError(400, `Paramètre inconnu : ${unknown.join(', ')}. Paramètre possible : campaign.`);
  const asked = query.campaign;
  if (asked !== undefined && (typeof asked !== 'string' || !isDocumentId(asked))) throw new HttpError(400, '« campaign » : l’identifiant d’une vague de tests est attendu.');
  return { services: services === null ? null : [...services].sort((a, b) => a - b), asked };
}

/**
 * Computed again only when a table they read has been written since (the `mystery` version): a
 * validation, a send-back, a reopening, any edit of a test, a wave, a grid or a service, whatever
 * the door. The key holds the caller's services, so each scope has its own figures.
 */
function cachedFigures(strapi: Core.Strapi, services: number[] | null, asked: string | undefined): Promise<MysteryFigures> {
  return cachedByVersion(strapi, MYSTERY_VERSION, ['figures', asked ?? null, services], () => computeMysteryFigures(strapi, services, asked));
}

async function computeMysteryFigures(strapi: Core.Strapi, services: number[] | null, asked: string | undefined): Promise<MysteryFigures> {
  const knex = strapi.db.connection;
  const waves = (await knex(tableOf(strapi, MYSTERY_CAMPAIGN)).select('id', 'document_id', 'title', knex.raw(`to_char(start_date, 'YYYY-MM-DD') as start_date`), knex.raw(`to_char(end_date, 'YYYY-MM-DD') as end_date`)).orderBy('start_date', 'desc')) as Row[];
  const tests = tableOf(strapi, MYSTERY_TEST);
  const campaignLink = link(strapi, MYSTERY_TEST, 'campaign');
  const serviceLink = link(strapi, MYSTERY_TEST, 'service');
  // The waves that have validated results, newest first: the default is the latest of them.
  const withResults = new Set(
    ((await knex.raw(`select distinct dc.${campaignLink.to} as id from ${tests} d join ${campaignLink.table} dc on dc.${campaignLink.from} = d.id where d.workflow_state = 'validated'`)).rows as Row[]).map((r) => Number(r.id)),
  );
  const shown = waves.filter((w) => withResults.has(Number(w.id)));
  const wave = asked ? waves.find((w) => w.document_id === asked) : shown[0];
  if (asked && !wave) throw new HttpError(404, 'Vague de tests introuvable.');
  const options = shown.map((w) => ({ documentId: w.document_id as string, title: w.title as string, startDate: w.start_date as string, endDate: w.end_date as string }));
  if (!wave) return { campaign: null, previous: null, campaigns: options, rows: [] };
  const previous = shown.find((w) => (w.start_date as string) < (wave.start_date as string)) ?? null;

  const scope = services === null ? 'true' : services.length ? `ds.${serviceLink.to} = any(?::int[])` : 'false';
  const scopeBindings = services && services.length ? [pgArray(services)] : [];
  const base = `
    select d.id, d.channel, d.score, d.outcomes::jsonb as outcomes, dc.${campaignLink.to} as campaign_id, s.id as service_id, s.document_id as service_document_id, s.name as service_name, s.slug as service_slug
    from ${tests} d
    join ${campaignLink.table} dc on dc.${campaignLink.from} = d.id
    join ${serviceLink.table} ds on ds.${serviceLink.from} = d.id
    join ${tableOf(strapi, 'api::service.service')} s on s.id = ds.${serviceLink.to}
    where d.workflow_state = 'validated' and dc.${campaignLink.to} = any(?::int[]) and ${scope}`;
  const waveIds = pgArray([Number(wave.id), ...(previous ? [Number(previous.id)] : [])]);
  // One pass over the wave's outcomes for every row's points (grouped, then gathered per row): a
  // subquery per row rescanned the two waves' tests once for each service and channel.
  const { rows } = await knex.raw(
    `with t as (${base}),
     g as (
       select service_id, service_document_id, service_name, service_slug, channel,
         count(*) filter (where campaign_id = ?)::int as tests,
         round(avg(score) filter (where campaign_id = ?), 1)::float as score,
         round(avg(score) filter (where campaign_id <> ?), 1)::float as previous_score,
         count(*) filter (where campaign_id <> ?)::int as previous_tests
       from t group by 1, 2, 3, 4, 5
       having count(*) filter (where campaign_id = ?) > 0),
     p as (
       select t.service_id, t.channel, o.key as id, min(o.value->>'label') as label, min(o.value->>'kind') as kind, min(o.value->>'unit') as unit,
         min((o.value->>'target')::numeric)::float as target, min((o.value->>'position')::int) as position,
         count(*) filter (where o.value->>'success' is not null)::int as answered,
         count(*) filter (where (o.value->>'success')::boolean)::int as met
       from t, jsonb_each(t.outcomes) o
       where t.campaign_id = ? and o.value->>'kind' <> 'text'
       group by t.service_id, t.channel, o.key),
     pa as (
       select service_id, channel,
         json_agg(json_build_object('id', id, 'label', label, 'kind', kind, 'unit', unit, 'target', target, 'position', position, 'answered', answered, 'met', met) order by position) as points
       from p group by service_id, channel)
     select g.*, coalesce(pa.points, '[]'::json) as points
     from g left join pa on pa.service_id = g.service_id and pa.channel = g.channel
     order by g.service_name, g.channel`,
    [waveIds, ...scopeBindings, wave.id, wave.id, wave.id, wave.id, wave.id, wave.id],
  );
  return {
    campaign: options.find((o) => o.documentId === wave.document_id) ?? { documentId: wave.document_id, title: wave.title, startDate: wave.start_date, endDate: wave.end_date },
    previous: previous ? { documentId: previous.document_id as string, title: previous.title as string, startDate: previous.start_date as string, endDate: previous.end_date as string } : null,
    campaigns: options,
    rows: (rows as Row[]).map((r) => {
      const points = (typeof r.points === 'string' ? JSON.parse(r.points) : r.points) as Row[];
      const point = (p: Row) => ({ id: p.id, label: p.label, kind: p.kind, unit: p.unit ?? null, target: p.target ?? null, answered: p.answered, met: p.met, rate: rate(p.met, p.answered) });
      return {
        service: { documentId: r.service_document_id, name: r.service_name, slug: r.service_slug },
        channel: r.channel,
        channelLabel: choiceLabel(r.channel),
        tests: r.tests,
        score: r.score,
        previousScore: r.previous_score,
        previousTests: r.previous_tests,
        points: points.filter((p) => p.unit !== 'days' && p.unit !== 'working-days').map(point),
        delays: points.filter((p) => p.unit === 'days' || p.unit === 'working-days').map(point),
      };
    }),
  };
}

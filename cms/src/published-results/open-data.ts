import type { OpenDataResults, OpenDataRow } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { stringify } from 'csv-stringify/sync';
import { townToday } from '../platform/calendar/clock';
import { openDataConfig } from '../platform/config/open-data-config';
import { reportsConfig } from '../platform/config/reports-config';
import { latestSatisfaction } from '../surveys/satisfaction';
import { lastUpdate, latestPublishedMeasures, percent, townValue } from './published-results';

/**
 * The published results in the open-data format of the State's Services Publics + platform (the
 * fields of its « Résultats de qualité des services publics » API): one row per published value,
 * the town as a structure (mean of its services) and each service named in config/open-data.yaml
 * as a structure of its own. Same rule as « Nos résultats »: indicators of the approved charter,
 * latest period with validated measures, validated measures only.
 */
export async function openDataResults(strapi: Core.Strapi, now = new Date()): Promise<OpenDataResults> {
  const config = openDataConfig();
  const { indicators, rows } = await latestPublishedMeasures(strapi);
  const town = { structureCode: config.town.code, typology: config.town.typology, structureName: config.town.name ?? reportsConfig().town, postcode: config.town.postcode, city: config.town.city };
  const data: OpenDataRow[] = [];
  for (const indicator of indicators) {
    const own = rows.filter((r) => r.indicatorId === indicator.id);
    const value = townValue(own.map((r) => r.value));
    const updated = lastUpdate(own);
    if (value === null || updated === null) continue;
    const about = {
      indicatorCode: config.indicatorCodes[indicator.code] ?? indicator.code,
      indicatorName: indicator.name,
      frequency: indicator.frequency,
      periodStart: own[0].period,
    };
    data.push({ ...town, ...about, value, updatedOn: townToday(updated) });
    for (const row of own) {
      const service = config.services[row.serviceSlug];
      if (!service) continue;
      data.push({
        ...town,
        structureCode: service.code,
        typology: service.typology,
        structureName: service.name ?? row.serviceName,
        ...about,
        value: row.value,
        updatedOn: townToday(row.updatedAt),
      });
    }
  }
  const survey = await surveyRows(strapi, town, new Set(data.map((row) => row.indicatorCode)));
  data.push(...survey.rows);
  const updated = [lastUpdate(rows), survey.updatedAt].reduce<Date | null>((latest, d) => (d && (!latest || d > latest) ? d : latest), null);
  return { data, meta: { generatedAt: now.toISOString(), updatedOn: updated ? townToday(updated) : null } };
}

/**
 * The standard question's two rates from the latest users' survey, for the town, under the codes
 * of config/open-data.yaml `survey` — unless a validated measure already publishes that code.
 */
async function surveyRows(strapi: Core.Strapi, town: Omit<OpenDataRow, 'indicatorCode' | 'indicatorName' | 'value' | 'frequency' | 'periodStart' | 'updatedOn'>, taken: Set<string>) {
  const codes = openDataConfig().survey;
  const latest = codes ? await latestSatisfaction(strapi) : null;
  if (!codes || !latest || !latest.lastAnswerAt || !latest.standardAnswers) return { rows: [] as OpenDataRow[], updatedAt: null };
  const about = { frequency: 'annuelle', periodStart: latest.opensAt, updatedOn: townToday(latest.lastAnswerAt) };
  const rows: OpenDataRow[] = [];
  if (latest.standardShare !== null && !taken.has(codes.satisfaction)) {
    rows.push({ ...town, ...about, indicatorCode: codes.satisfaction, indicatorName: SATISFACTION_NAME, value: percent(latest.standardShare) });
  }
  if (latest.netSatisfaction !== null && !taken.has(codes.netSatisfaction)) {
    rows.push({ ...town, ...about, indicatorCode: codes.netSatisfaction, indicatorName: NET_SATISFACTION_NAME, value: percent(latest.netSatisfaction) });
  }
  return { rows, updatedAt: rows.length ? latest.lastAnswerAt : null };
}

const SATISFACTION_NAME = 'Taux de satisfaction globale (part des usagers satisfaits, en %)';
const NET_SATISFACTION_NAME = 'Taux net de satisfaction (part des satisfaits moins part des insatisfaits, en points)';

/** The CSV header: the names of the fields of the State's results API, in French. */
export const OPEN_DATA_COLUMNS: { key: keyof OpenDataRow; header: string }[] = [
  { key: 'structureCode', header: 'Code SP+ de la structure' },
  { key: 'typology', header: 'Intitulé de la typologie' },
  { key: 'structureName', header: 'Intitulé de la structure' },
  { key: 'postcode', header: 'Code postal de la structure' },
  { key: 'city', header: 'Ville de la structure' },
  { key: 'indicatorCode', header: 'Code SP+ de l’indicateur' },
  { key: 'indicatorName', header: 'Intitulé de l’indicateur' },
  { key: 'value', header: 'Valeur' },
  { key: 'frequency', header: 'Fréquence' },
  { key: 'periodStart', header: 'Début de la période' },
  { key: 'updatedOn', header: 'Date de mise à jour' },
];

/** UTF-8 with a byte-order mark (Excel reads the accents), `;` between fields, decimal comma. */
export function openDataCsv(results: OpenDataResults): Buffer {
  const options = { delimiter: ';', record_delimiter: '\r\n' } as const;
  // The header is written even when nothing is published yet: the file keeps its shape.
  const header = stringify([OPEN_DATA_COLUMNS.map((c) => c.header)], options);
  const rows = stringify(
    results.data.map((row) => OPEN_DATA_COLUMNS.map((c) => (c.key === 'value' ? String(row.value).replace('.', ',') : String(row[c.key])))),
    options,
  );
  return Buffer.from(`\uFEFF${header}${rows}`, 'utf8');
}

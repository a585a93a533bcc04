import type { Core } from '@strapi/strapi';
import { formatInstant } from '../platform/calendar/clock';
import { meetsTarget, periodLabel } from '../platform/calendar/periods';
import { modelLabels } from '../platform/config/labels';
import { reportsConfig } from '../platform/config/reports-config';
import { link, tableOf } from '../platform/db/schema';
import { HttpError } from '../platform/http/http-error';
import { artifact, contentWidth, createReportPdf, ensureSpace, finishReportPdf, PAGE_MARGIN, tagged } from '../platform/pdf/document';
import { FONT } from '../platform/pdf/fonts';
import { pdfText } from '../platform/pdf/text';
import { asciiFileName, pdfFileName } from '../reports/report-names';
import { lastUpdate, latestPublishedMeasures, satisfactionResult, townValue } from './published-results';

const PRINCIPLE = 'api::charter-principle.charter-principle';
const ACCENT = '#1f3a68';
const MET = '#1e6b34';
const MISSED = '#a12a1e';
export const POSTER_FORMATS = ['A4', 'A3'] as const;
export type PosterFormat = (typeof POSTER_FORMATS)[number];

/** `?format=` of the poster: A4 when absent, A4 or A3 (any case) otherwise, else a French 400. */
export function posterFormat(value: unknown): PosterFormat {
  if (value === undefined || value === '') return 'A4';
  const format = typeof value === 'string' ? value.toUpperCase() : '';
  if (format === 'A4' || format === 'A3') return format;
  throw new HttpError(400, 'Le format de l’affiche est A4 ou A3 (paramètre « format »).', { format: 'A4 ou A3' });
}

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 92 % », « 10 j », « 60 »: the value with the unit's short label of config/labels.yaml. */
function withUnit(value: number | null, unit: string): string {
  if (value === null) return '–';
  const symbol = modelLabels().units[unit];
  return pdfText(symbol ? `${number.format(value)}\u00a0${symbol}` : number.format(value));
}

interface PosterLine {
  commitment: string;
  indicator: string;
  /** « Période : mars 2026 », or what dates the figure otherwise. */
  period: string | null;
  value: string;
  target: string | null;
  met: boolean | null;
}

/** The approved principles that follow an indicator, in the charter's order, with that indicator. */
async function charterCommitments(strapi: Core.Strapi) {
  const toIndicator = link(strapi, PRINCIPLE, 'indicator');
  return strapi.db
    .connection(`${tableOf(strapi, PRINCIPLE)} as p`)
    .join(`${toIndicator.table} as pi`, `pi.${toIndicator.from}`, 'p.id')
    .where('p.workflow_state', 'approved')
    .orderBy([{ column: 'p.order' }, { column: 'p.id' }])
    .select('p.title', 'p.commitment', `pi.${toIndicator.to} as indicator_id`) as Promise<{ title: string; commitment: string | null; indicator_id: number }[]>;
}

async function posterLines(strapi: Core.Strapi) {
  const [{ indicators, rows }, commitments] = await Promise.all([latestPublishedMeasures(strapi), charterCommitments(strapi)]);
  const lines: PosterLine[] = [];
  for (const c of commitments) {
    const indicator = indicators.find((i) => i.id === c.indicator_id);
    if (!indicator) continue;
    const own = rows.filter((r) => r.indicatorId === indicator.id);
    const value = townValue(own.map((r) => r.value));
    lines.push({
      commitment: c.commitment?.trim() || c.title,
      indicator: indicator.name,
      period: own[0] ? `Période : ${periodLabel(own[0].period, indicator.frequency)}` : null,
      value: withUnit(value, indicator.unit),
      target: indicator.target === null ? null : withUnit(indicator.target, indicator.unit),
      met: meetsTarget(value, indicator.target, indicator.direction),
    });
  }
  return { lines, updatedAt: lastUpdate(rows) };
}

const verdict = (met: boolean | null) => (met === null ? '' : met ? 'objectif atteint' : 'objectif non atteint');

/** One result box: the commitment on the left, the figure and its target on the right. */
function resultBox(doc: PDFKit.PDFDocument, k: number, line: PosterLine) {
  const width = contentWidth(doc);
  const left = width * 0.6;
  const pad = 10 * k;
  doc.font(FONT.bold).fontSize(13 * k);
  const commitmentHeight = doc.heightOfString(pdfText(line.commitment), { width: left - 2 * pad });
  doc.font(FONT.regular).fontSize(10 * k);
  const indicatorHeight = doc.heightOfString(pdfText(line.indicator), { width: left - 2 * pad });
  const height = Math.max(commitmentHeight + indicatorHeight + 3 * pad, 86 * k);
  ensureSpace(doc, height + 10 * k);
  const top = doc.y;
  artifact(doc, () => doc.roundedRect(PAGE_MARGIN, top, width, height, 6 * k).lineWidth(1).strokeColor('#b8c2d3').stroke());
  // Read as a heading (the commitment), then the indicator, its figure and its target.
  doc.font(FONT.bold).fontSize(13 * k).fillColor('#1a1a1a');
  tagged(doc, 'H2', () => doc.text(pdfText(line.commitment), PAGE_MARGIN + pad, top + pad, { width: left - 2 * pad }));
  doc.font(FONT.regular).fontSize(10 * k).fillColor('#444444');
  tagged(doc, 'P', () => doc.text(pdfText(line.indicator), PAGE_MARGIN + pad, doc.y + pad / 2, { width: left - 2 * pad }));
  const x = PAGE_MARGIN + left;
  const right = width - left - pad;
  doc.font(FONT.bold).fontSize(26 * k).fillColor(line.met === false ? MISSED : line.met ? MET : ACCENT);
  tagged(doc, 'P', () => doc.text(line.value, x, top + pad, { width: right, align: 'right' }));
  doc.font(FONT.regular).fontSize(9.5 * k).fillColor('#1a1a1a');
  const details = [line.target ? `Objectif : ${line.target}${line.met === null ? '' : `, ${verdict(line.met)}`}` : null, line.period ?? 'Pas encore de mesure validée'].filter(Boolean);
  tagged(doc, 'P', () => doc.text(pdfText(details.join('\n')), x, doc.y + 2 * k, { width: right, align: 'right' }));
  doc.x = PAGE_MARGIN;
  doc.y = top + height + 10 * k;
}

/**
 * The results poster of the lieux d'accueil (Services Publics +: results shown where the public is
 * received): the town, the date, each commitment of the approved charter beside its latest result
 * against target, and the satisfaction of the latest survey with its period. Same published figures
 * as « Nos résultats »; real text in French (lang fr-FR, title), as the other PDFs.
 */
export async function resultsPoster(strapi: Core.Strapi, formatParam: unknown, now = new Date()) {
  const format = posterFormat(formatParam);
  const k = format === 'A3' ? Math.SQRT2 : 1;
  const { town } = reportsConfig();
  const [{ lines, updatedAt }, satisfaction] = await Promise.all([posterLines(strapi), satisfactionResult(strapi)]);
  const meta = {
    title: `Nos résultats de qualité de service — ${town}`,
    subject: 'Affiche des résultats pour les lieux d’accueil',
    draft: false,
    footer: `${town} — Nos résultats — édité le ${formatInstant(now)}`,
    size: format,
  };
  const doc = createReportPdf({ ...meta, tagged: true });
  const width = contentWidth(doc);
  doc.font(FONT.regular).fontSize(14 * k).fillColor(ACCENT);
  tagged(doc, 'P', () => doc.text(pdfText(town), PAGE_MARGIN, doc.y, { width }));
  doc.font(FONT.bold).fontSize(30 * k).fillColor(ACCENT);
  tagged(doc, 'H1', () => doc.text('Nos résultats de qualité de service', { width }));
  doc.moveDown(0.2);
  doc.font(FONT.regular).fontSize(11 * k).fillColor('#1a1a1a');
  tagged(doc, 'P', () => doc.text(pdfText(`Résultats au ${formatInstant(now)}${updatedAt ? `, mesures mises à jour le ${formatInstant(updatedAt)}` : ''}.`), { width }));
  tagged(doc, 'P', () => doc.text('Nous nous engageons envers vous et nous mesurons chaque engagement : voici où nous en sommes.', { width }));
  doc.moveDown(0.8);

  for (const line of lines) resultBox(doc, k, line);
  if (!lines.length) {
    doc.font(FONT.regular).fontSize(11 * k);
    tagged(doc, 'P', () => doc.text('Aucun résultat publié pour le moment.', { width }));
  }

  if (satisfaction) {
    const period = `Enquête « ${satisfaction.survey} »${satisfaction.closedOn ? `, close le ${formatInstant(satisfaction.closedOn)}` : ''}`;
    resultBox(doc, k, {
      commitment: 'Votre satisfaction',
      indicator: `Part des personnes satisfaites (${satisfaction.responses}\u00a0réponse${satisfaction.responses > 1 ? 's' : ''})`,
      period,
      value: withUnit(satisfaction.satisfiedPercent, 'pourcentage'),
      target: withUnit(satisfaction.targetPercent, 'pourcentage'),
      met: satisfaction.meetsTarget,
    });
  }
  doc.moveDown(0.5);
  doc.font(FONT.regular).fontSize(10 * k).fillColor('#444444');
  tagged(doc, 'P', () => doc.text('Donnez-nous votre avis et retrouvez tous nos résultats sur la page « Nos résultats » du site de la ville.', PAGE_MARGIN, doc.y, { width }));
  const body = await finishReportPdf(doc, meta);
  const fileName = pdfFileName('Nos résultats', town, format);
  return { body, fileName, asciiName: asciiFileName(fileName) };
}

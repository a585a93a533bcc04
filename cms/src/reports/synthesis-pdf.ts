import { heading, paragraph } from '../platform/pdf/blocks';
import { barChart, radarChart } from '../platform/pdf/charts';
import { createReportPdf, finishReportPdf, type ReportMeta } from '../platform/pdf/document';
import { formatDelta, formatLongDate, formatRate } from '../platform/pdf/text';
import { table, type Column } from '../platform/pdf/table';
import { reportsConfig } from '../platform/config/reports-config';
import { campaignKind } from './report-names';
import type { SynthesisData } from './synthesis-data';
import { typeLabel } from '../platform/config/labels';

export const SYNTHESIS_SECTIONS = {
  overview: '1. Vue d’ensemble par service',
  themes: '2. Comparaison des services par thème',
  progress: '3. Progression depuis la campagne précédente',
} as const;

const PALETTE = ['#1f3a68', '#c0392b', '#1e8449', '#b9770e', '#6c3483', '#117a8b', '#7f8c8d', '#a04000'];

const delta = (now: number | null | undefined, before: number | null | undefined) =>
  now === null || now === undefined || before === null || before === undefined ? null : Math.round((now - before) * 10) / 10;

/** Services as columns would not fit beyond a few: the table puts themes in rows, services in columns, by chunks. */
function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}

function themeTable(doc: PDFKit.PDFDocument, data: SynthesisData, value: (serviceId: number, theme: string) => string) {
  for (const group of chunks(data.services, 4)) {
    const share = 0.64 / Math.max(group.length, 1);
    const columns: Column[] = [{ header: typeLabel('api::theme.theme'), width: 0.36 }, ...group.map((s) => ({ header: s.name, width: share, align: 'right' as const }))];
    table(doc, columns, data.themes.map((t) => [`${t.code} — ${t.title}`, ...group.map((s) => value(s.id, t.code))]));
  }
}

export function synthesisMeta(data: SynthesisData): ReportMeta {
  const { town } = reportsConfig();
  return {
    title: `Synthèse de l’évaluation — ${data.campaign.name}`,
    subject: `Synthèse pour le groupe de travail — ${town}`,
    draft: data.draft,
    footer: `${town} — Synthèse — ${data.campaign.name}`,
  };
}

export async function renderSynthesis(data: SynthesisData, now = new Date()): Promise<Buffer> {
  const { town } = reportsConfig();
  const meta = synthesisMeta(data);
  const doc = createReportPdf({ ...meta, tagged: true });

  doc.moveDown(6);
  paragraph(doc, town, { size: 14 });
  doc.moveDown(1);
  heading(doc, 1, 'Synthèse de l’évaluation');
  paragraph(doc, `Campagne : ${data.campaign.name} (${campaignKind(data.campaign.kind)})`, { size: 12 });
  if (data.campaign.referentialName) paragraph(doc, `Référentiel : ${data.campaign.referentialName}`, { size: 12 });
  paragraph(doc, `Services : ${data.services.map((s) => s.name).join(', ') || 'aucun'}`);
  if (data.previous) paragraph(doc, `Comparée à : ${data.previous.name}`);
  paragraph(doc, `Édité le ${formatLongDate(now)} — document restitué au groupe de travail`);
  doc.moveDown(2);
  paragraph(
    doc,
    data.draft
      ? 'Version de travail : les taux tiennent compte de toutes les fiches, quel que soit leur état. Ce document ne doit pas être diffusé.'
      : 'Les taux ne tiennent compte que des fiches validées ou approuvées.',
    { muted: true },
  );

  doc.addPage();
  heading(doc, 1, SYNTHESIS_SECTIONS.overview);
  barChart(
    doc,
    data.services.map((s) => ({ label: s.name, value: s.rate, previous: s.previousRate })),
    { current: data.campaign.name, previous: data.previous?.name },
  );
  table(
    doc,
    [
      { header: typeLabel('api::service.service'), width: 0.46 },
      { header: data.campaign.name, width: 0.2, align: 'right' },
      ...(data.previous
        ? [
            { header: data.previous.name, width: 0.18, align: 'right' as const },
            { header: 'Évolution', width: 0.16, align: 'right' as const },
          ]
        : []),
    ],
    data.services.map((s) => [s.name, formatRate(s.rate), ...(data.previous ? [formatRate(s.previousRate), formatDelta(delta(s.rate, s.previousRate))] : [])]),
  );

  heading(doc, 1, SYNTHESIS_SECTIONS.themes);
  if (!data.themes.length) paragraph(doc, 'Aucune fiche à comparer.', { muted: true });
  else {
    radarChart(
      doc,
      data.themes.map((t) => t.code),
      data.services.slice(0, PALETTE.length).map((s, i) => ({ label: s.name, color: PALETTE[i], values: data.themes.map((t) => data.rates.get(s.id)?.get(t.code) ?? null), dashed: i > 0 })),
      260,
    );
    themeTable(doc, data, (serviceId, theme) => formatRate(data.rates.get(serviceId)?.get(theme)));
  }

  heading(doc, 1, SYNTHESIS_SECTIONS.progress);
  if (!data.previous) paragraph(doc, 'Première campagne sur ce référentiel : pas de comparaison possible.', { muted: true });
  else {
    paragraph(doc, `Écart en points de pourcentage entre « ${data.previous.name} » et « ${data.campaign.name} », par service et par thème.`);
    themeTable(doc, data, (serviceId, theme) => formatDelta(delta(data.rates.get(serviceId)?.get(theme), data.previousRates.get(serviceId)?.get(theme))));
  }
  return finishReportPdf(doc, meta);
}

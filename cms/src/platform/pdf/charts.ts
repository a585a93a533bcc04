import { contentWidth, ensureSpace, PAGE_MARGIN, tagged } from './document';
import { FONT } from './fonts';
import { pdfText } from './text';

export interface RadarSeries {
  label: string;
  color: string;
  /** One value per axis, 0–100; null when nothing was rated (drawn at the centre). */
  values: (number | null)[];
  dashed?: boolean;
}

/**
 * The positioning per theme as a radar drawn with vector paths (no browser, no image): rings every
 * 25 %, one spoke per theme labelled with its code, one polygon per series, then a legend.
 * Fewer than three themes make no polygon: the table next to it carries the figures.
 */
export function radarChart(doc: PDFKit.PDFDocument, axes: string[], series: RadarSeries[], size = 230): void {
  if (axes.length < 3) return;
  const alt = series.map((s) => `${s.label} : ${axes.map((axis, i) => `${axis} ${percentText(s.values[i])}`).join(', ')}`).join(' ; ');
  tagged(doc, 'Figure', () => drawRadar(doc, axes, series, size), { alt: pdfText(`Graphique radar. ${alt}.`) });
}

/** A value of a chart as a screen reader says it. */
const percentText = (value: number | null | undefined) =>
  value === null || value === undefined ? 'non évalué' : `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value)} %`;

function drawRadar(doc: PDFKit.PDFDocument, axes: string[], series: RadarSeries[], size: number): void {
  ensureSpace(doc, size + 40);
  const cx = PAGE_MARGIN + contentWidth(doc) / 2;
  const radius = size / 2 - 22;
  const cy = doc.y + size / 2;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / axes.length;
  const point = (i: number, value: number) => [cx + Math.cos(angle(i)) * radius * (value / 100), cy + Math.sin(angle(i)) * radius * (value / 100)] as const;

  doc.save();
  doc.lineWidth(0.5).strokeColor('#c9d1de');
  for (const ring of [25, 50, 75, 100]) {
    axes.forEach((_, i) => {
      const [x, y] = point(i, ring);
      if (i === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
    doc.closePath().stroke();
  }
  axes.forEach((_, i) => {
    const [x, y] = point(i, 100);
    doc.moveTo(cx, cy).lineTo(x, y).stroke();
  });
  for (const s of series) {
    s.values.forEach((value, i) => {
      const [x, y] = point(i, value ?? 0);
      if (i === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
    doc.closePath();
    if (s.dashed) doc.dash(3, { space: 2 }).lineWidth(1.2).strokeColor(s.color).stroke().undash();
    else doc.lineWidth(1.5).fillColor(s.color, 0.18).strokeColor(s.color).fillAndStroke();
    doc.fillOpacity(1);
  }
  doc.restore();

  doc.font(FONT.bold).fontSize(8).fillColor('#1a1a1a');
  axes.forEach((label, i) => {
    const [x, y] = point(i, 112);
    doc.text(pdfText(label), x - 30, y - 5, { width: 60, align: 'center', lineBreak: false });
  });
  doc.font(FONT.regular).fontSize(7).fillColor('#555555');
  doc.text('0 – 25 – 50 – 75 – 100 %', cx + 4, cy + 2, { lineBreak: false });

  let legendY = cy + size / 2 + 4;
  doc.font(FONT.regular).fontSize(8.5).fillColor('#1a1a1a');
  for (const s of series) {
    doc.rect(cx - 70, legendY + 1, 10, 7).fill(s.color);
    doc.fillColor('#1a1a1a').text(pdfText(s.label), cx - 55, legendY, { lineBreak: false });
    legendY += 12;
  }
  doc.x = PAGE_MARGIN;
  doc.y = legendY + 8;
  doc.font(FONT.regular).fontSize(10);
}

export interface Bar {
  label: string;
  value: number | null;
  previous?: number | null;
}

/** Horizontal bars (0–100 %), an optional thin bar below each for the previous campaign. */
export function barChart(doc: PDFKit.PDFDocument, bars: Bar[], legend: { current: string; previous?: string }): void {
  const alt = bars
    .map((bar) => `${bar.label} : ${percentText(bar.value)}${legend.previous && bar.previous !== undefined && bar.previous !== null ? ` (${legend.previous} : ${percentText(bar.previous)})` : ''}`)
    .join(' ; ');
  tagged(doc, 'Figure', () => drawBars(doc, bars, legend), { alt: pdfText(`Graphique en barres, ${legend.current}. ${alt}.`) });
}

function drawBars(doc: PDFKit.PDFDocument, bars: Bar[], legend: { current: string; previous?: string }): void {
  const labelWidth = 150;
  const width = contentWidth(doc) - labelWidth - 50;
  const rowHeight = legend.previous ? 24 : 16;
  ensureSpace(doc, bars.length * rowHeight + 30);
  let y = doc.y;
  for (const bar of bars) {
    doc.font(FONT.regular).fontSize(8.5).fillColor('#1a1a1a');
    doc.text(pdfText(bar.label), PAGE_MARGIN, y + 1, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
    const x = PAGE_MARGIN + labelWidth;
    doc.rect(x, y, width, 10).fill('#eef1f6');
    if (bar.value !== null) doc.rect(x, y, (width * bar.value) / 100, 10).fill('#1f3a68');
    doc.fillColor('#1a1a1a').text(bar.value === null ? '–' : `${pdfText(new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(bar.value))}\u00a0%`, x + width + 4, y + 1, { lineBreak: false });
    if (legend.previous && bar.previous !== undefined && bar.previous !== null) doc.rect(x, y + 12, (width * bar.previous) / 100, 5).fill('#9aa7bd');
    y += rowHeight;
  }
  doc.font(FONT.regular).fontSize(8).fillColor('#555555');
  doc.rect(PAGE_MARGIN + labelWidth, y + 2, 10, 7).fill('#1f3a68');
  doc.fillColor('#555555').text(pdfText(legend.current), PAGE_MARGIN + labelWidth + 14, y + 1, { lineBreak: false });
  if (legend.previous) {
    doc.rect(PAGE_MARGIN + labelWidth + 180, y + 4, 10, 4).fill('#9aa7bd');
    doc.fillColor('#555555').text(pdfText(legend.previous), PAGE_MARGIN + labelWidth + 194, y + 1, { lineBreak: false });
  }
  doc.x = PAGE_MARGIN;
  doc.y = y + 22;
  doc.font(FONT.regular).fontSize(10).fillColor('#1a1a1a');
}

import { heading, labelled, paragraph } from '../platform/pdf/blocks';
import { createReportPdf, finishReportPdf } from '../platform/pdf/document';
import { formatLongDate } from '../platform/pdf/text';
import { reportsConfig } from '../platform/config/reports-config';
import type { StoredCharterVersion } from './charter-versions';
import { versionLine } from './charter-wording';

/** The charter of one version as a printable PDF, with the version line that dates and credits it. */
export async function renderCharterPdf(version: StoredCharterVersion, isCurrent: boolean): Promise<Buffer> {
  const { town, charterSignatory } = reportsConfig();
  const meta = {
    title: `Charte d’accueil du public — ${town} — version ${version.number}`,
    subject: 'Charte d’accueil du public',
    draft: false,
    footer: `${town} — Charte d’accueil du public — ${versionLine(version)}`,
  };
  const doc = createReportPdf({ ...meta, tagged: true });
  paragraph(doc, town, { size: 13 });
  heading(doc, 1, 'Charte d’accueil du public');
  paragraph(doc, versionLine(version));
  if (!isCurrent) paragraph(doc, 'Cette version a été remplacée : elle est conservée pour mémoire.', { muted: true });
  paragraph(doc, 'Les engagements des services municipaux pour vous accueillir, vous orienter et vous répondre.', { muted: true });
  version.principles.forEach((p, i) => {
    heading(doc, 2, `${i + 1}. ${p.title}`);
    paragraph(doc, p.text);
    labelled(doc, 'Notre engagement', p.commitment);
  });
  if (!version.principles.length) paragraph(doc, 'Aucun principe approuvé dans cette version.', { muted: true });
  doc.moveDown(1);
  paragraph(doc, `${charterSignatory}, le ${formatLongDate(version.createdAt)}.`, { muted: true });
  return finishReportPdf(doc, meta);
}

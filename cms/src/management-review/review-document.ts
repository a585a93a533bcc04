import type { ManagementReview } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { roleOf, type Caller } from '../access/read-scope';
import { rolesConfig } from '../access/roles-config';
import { formatInstant, townToday } from '../platform/calendar/clock';
import { readConfigFile } from '../platform/config/read-config';
import { reportsConfig } from '../platform/config/reports-config';
import { heading, muted, paragraph, type Block, type BlockDocument } from '../platform/document/blocks';
import { DOCX_TYPE, renderBlocksDocx } from '../platform/docx/docx-document';
import { HttpError } from '../platform/http/http-error';
import { renderBlocksPdf } from '../platform/pdf/render-blocks';
import { parseFormat } from '../reports/report-request';
import { reportFileName } from '../reports/report-names';
import { reviewContext } from './review-context';
import { reviewDecisions } from './review-decisions';
import { REVIEW_SECTIONS } from './review-sections';

// roles.yaml's own schema ignores keys it does not know: the review reads its one key itself.
const schema = z.object({ managementReviewReaders: z.array(z.string()).default([]) });
let readers: string[] | undefined;

/** The roles that read and write the management review (config/roles.yaml, `managementReviewReaders`), checked at boot. */
export function managementReviewReaders(): string[] {
  if (readers) return readers;
  const configured = readConfigFile('roles.yaml', schema).managementReviewReaders;
  const unknown = configured.filter((r) => !rolesConfig().roles[r]);
  if (unknown.length) throw new Error(`config/roles.yaml : managementReviewReaders, rôle inconnu « ${unknown.join(', ')} »`);
  readers = configured;
  return readers;
}

export function assertMayReadReview(caller: Caller | undefined): Caller {
  if (!caller) throw new HttpError(401, 'Connectez-vous pour lire la revue de direction.');
  if (!managementReviewReaders().includes(roleOf(caller))) throw new HttpError(403, 'La revue de direction est réservée au référent qualité et au DGS.');
  return caller;
}

/** `year=2026`; absent, the current year. Years before the programme or in the future are refused. */
export function parseYear(value: unknown, now = new Date()): number {
  const current = Number(townToday(now).slice(0, 4));
  if (value === undefined || value === '') return current;
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) throw new HttpError(400, 'Le paramètre year est une année sur quatre chiffres (par exemple year=2026).');
  const year = Number(value);
  if (year < 2000 || year > current) throw new HttpError(400, `L’année de la revue va de 2000 à ${current}.`);
  return year;
}

export type ReviewView = ManagementReview;

/** GET /api/management-review?year=: the review as data, chapter by chapter (what the files print). */
export async function managementReview(strapi: Core.Strapi, callerIn: Caller | undefined, query: Record<string, unknown>, now = new Date()): Promise<ReviewView> {
  const caller = assertMayReadReview(callerIn);
  const year = parseYear(query.year, now);
  const stored = await reviewDecisions(strapi, year);
  const context = await reviewContext(strapi, caller, year, stored.decisions, now);
  const sections = [];
  for (const [index, section] of REVIEW_SECTIONS.entries()) sections.push({ id: section.id, title: `${index + 1}. ${section.title}`, blocks: await section.build(context) });
  return {
    year,
    town: reportsConfig().town,
    generatedAt: now.toISOString(),
    campaign: context.campaign ? { documentId: context.campaign.documentId, name: context.campaign.name } : null,
    decisions: stored.decisions,
    decisionsUpdatedAt: stored.updatedAt,
    sections,
  };
}

function reviewDocument(view: ReviewView, now: Date): BlockDocument {
  const cover: Block[] = [
    paragraph(view.town, { size: 14 }),
    heading(1, `Revue de direction ${view.year}`),
    paragraph('Démarche qualité de l’accueil du public : le bilan de l’année pour la direction générale et les élus.', { size: 12 }),
    paragraph(`Édité le ${formatInstant(now)}`),
    muted('Sources : les chiffres du tableau de bord, des indicateurs, du registre des réclamations, des enquêtes, des tests mystères et de la feuille de route, tels que l’application les calcule à la date d’édition.'),
    { kind: 'pageBreak' },
  ];
  return {
    title: `Revue de direction ${view.year} — ${view.town}`,
    subject: `Revue de direction de la démarche qualité de l’accueil — ${view.town}`,
    footer: `${view.town} — Revue de direction ${view.year}`,
    draft: false,
    blocks: [...cover, ...view.sections.flatMap((s) => [heading(1, s.title), ...s.blocks])],
  };
}

/** GET /api/management-review/file?year=&format=pdf|docx */
export async function managementReviewFile(strapi: Core.Strapi, caller: Caller | undefined, query: Record<string, unknown>, now = new Date()) {
  const { format: asked, ...rest } = query;
  const format = parseFormat(asked);
  const view = await managementReview(strapi, caller, rest, now);
  const document = reviewDocument(view, now);
  return {
    fileName: reportFileName(format, 'Revue de direction', String(view.year), view.town),
    body: format === 'docx' ? await renderBlocksDocx(document) : await renderBlocksPdf(document),
    contentType: format === 'docx' ? DOCX_TYPE : 'application/pdf',
  };
}

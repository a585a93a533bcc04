import type { CharterVersion, CharterVersionSummary, CurrentCharter } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { renderCharterPdf } from '../../../charter/charter-pdf';
import { charterVersion, charterVersionList, latestCharterVersion, type StoredCharterVersion } from '../../../charter/charter-versions';
import { versionLine } from '../../../charter/charter-wording';
import { reportsConfig } from '../../../platform/config/reports-config';
import { asciiFileName, pdfFileName } from '../../../reports/report-names';

/** What the public reads of a version: the DGS's comment on a transition stays internal. */
const publicVersion = (v: StoredCharterVersion, latest: number | null): CharterVersion => ({
  number: v.number,
  createdAt: v.createdAt,
  current: v.number === latest,
  label: versionLine(v),
  change: { action: v.change.action, principleTitle: v.change.principleTitle, actorName: v.change.actorName },
  principles: v.principles.map((p) => ({ title: p.title, text: p.text, commitment: p.commitment })),
});

function parseNumber(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,8}$/.test(value)) return null;
  return Number(value);
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async current(ctx: Context) {
    const latest = await latestCharterVersion(strapi);
    ctx.body = { data: latest ? publicVersion(latest, latest.number) : null, meta: { town: reportsConfig().town } } satisfies CurrentCharter;
  },

  async list(ctx: Context) {
    const versions = await charterVersionList(strapi);
    const latest = versions[0]?.number ?? null;
    ctx.body = {
      data: versions.map((v): CharterVersionSummary => ({
        number: v.number,
        createdAt: v.createdAt,
        current: v.number === latest,
        label: versionLine(v),
        principleCount: v.principleCount,
        change: { action: v.change.action, principleTitle: v.change.principleTitle, actorName: v.change.actorName },
      })),
    };
  },

  async one(ctx: Context) {
    const number = parseNumber(ctx.params.number);
    if (number === null) return ctx.badRequest('Le numéro de version est un entier positif.');
    const [version, latest] = await Promise.all([charterVersion(strapi, number), latestCharterVersion(strapi)]);
    if (!version) return ctx.notFound(`La charte n’a pas de version ${number}.`);
    ctx.body = { data: publicVersion(version, latest?.number ?? null) };
  },

  async pdf(ctx: Context) {
    const asked = ctx.query.version;
    const number = asked === undefined ? undefined : parseNumber(asked);
    if (number === null) return ctx.badRequest('Le numéro de version est un entier positif.');
    const latest = await latestCharterVersion(strapi);
    const version = number === undefined ? latest : await charterVersion(strapi, number);
    if (!version) return ctx.notFound(number === undefined ? 'La charte n’a pas encore de version approuvée.' : `La charte n’a pas de version ${number}.`);
    const body = await renderCharterPdf(version, version.number === latest?.number);
    const name = pdfFileName('Charte d’accueil du public', reportsConfig().town, `version ${version.number}`);
    ctx.attachment(name, { fallback: asciiFileName(name) });
    ctx.type = 'application/pdf';
    ctx.body = body;
  },
});

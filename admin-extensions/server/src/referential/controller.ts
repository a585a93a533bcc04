import fs from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import type { ImportResult, SpreadsheetFile, SpreadsheetFormat, Upload } from '@charte/contract';
import type { Context } from 'koa';
import { cmsService } from '../cms-service';

/** The temporary file the body parser wrote for a multipart field. */
interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  size: number;
}

const MAX_BYTES = 5 * 1024 * 1024;

class BadFile extends Error {}

function formatOf(ctx: Context): SpreadsheetFormat {
  const format = ctx.query.format ?? 'xlsx';
  if (format === 'xlsx' || format === 'csv') return format;
  throw new BadFile('Format inconnu : choisissez xlsx (Excel) ou csv.');
}

function send(ctx: Context, file: SpreadsheetFile) {
  const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  ctx.set('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  ctx.set('Cache-Control', 'no-store');
  ctx.type = file.contentType;
  ctx.body = file.body;
}

/** The multipart field « file », read from the temporary file the body parser wrote. */
async function uploadOf(ctx: Context): Promise<Upload> {
  const files = (ctx.request as unknown as { files?: Record<string, UploadedFile | UploadedFile[]> }).files;
  const field = files?.file;
  const uploaded = Array.isArray(field) ? field : field ? [field] : [];
  if (uploaded.length !== 1) throw new BadFile('Joignez un seul fichier (.xlsx ou .csv) dans le champ « file ».');
  const [file] = uploaded;
  try {
    if (file.size > MAX_BYTES) throw new BadFile(`Le fichier dépasse la taille maximale de ${MAX_BYTES / 1024 / 1024} Mo.`);
    return { buffer: await fs.readFile(file.filepath), filename: file.originalFilename || 'fichier' };
  } finally {
    await fs.rm(file.filepath, { force: true }).catch(() => undefined);
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const spreadsheet = () => cmsService(strapi, 'api::referential.spreadsheet');

  /**
   * Bad parameters are the caller's mistake: 400 with a French message. (Unreadable files are
   * refused by the cms itself, answered by its error middleware.)
   */
  const guarded = (handler: (ctx: Context) => Promise<unknown>) => async (ctx: Context) => {
    try {
      await handler(ctx);
    } catch (error) {
      if (error instanceof BadFile) return ctx.badRequest(error.message);
      throw error;
    }
  };

  return {
    list: guarded(async (ctx) => {
      ctx.body = { data: await spreadsheet().list() };
    }),
    template: guarded(async (ctx) => {
      send(ctx, await spreadsheet().template(formatOf(ctx)));
    }),
    exportReferential: guarded(async (ctx) => {
      const file = await spreadsheet().exportReferential(String(ctx.params.documentId), formatOf(ctx));
      if (!file) return ctx.notFound('Ce référentiel n’existe pas (ou plus).');
      send(ctx, file);
    }),
    preview: guarded(async (ctx) => {
      ctx.body = { data: await spreadsheet().preview(await uploadOf(ctx)) };
    }),
    apply: guarded(async (ctx) => {
      const result = await spreadsheet().apply(await uploadOf(ctx));
      if (!result.ok) {
        const rows = result.preview.counts.errors;
        return ctx.badRequest(
          `Rien n’a été enregistré : ${plural(rows, 'ligne du fichier est en erreur', 'lignes du fichier sont en erreur')}. Corrigez-les dans le fichier puis importez-le à nouveau.`,
          { preview: result.preview },
        );
      }
      ctx.body = { data: { report: result.report, preview: result.preview } satisfies ImportResult };
    }),
  };
};

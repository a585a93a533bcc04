import type { CmsServices, ImportOutcome, Preview, SpreadsheetFile, SpreadsheetFormat, Upload } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { exportLibrary } from '../../../referential/export-referential';
import { previewRows } from '../../../referential/import-preview';
import { UID } from '../../../referential/import-plan';
import { executePlan } from '../../../referential/import';
import { readWorkbook } from '../../../referential/read-workbook';
import { writeWorkbook } from '../../../referential/write-workbook';
import { link } from '../../../platform/db/schema';

/** Arbitrary key of the PostgreSQL advisory lock taken by spreadsheet imports. */
const IMPORT_LOCK = 5_040_001;

const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Référentiel import/export as spreadsheets (api::referential.spreadsheet), used by the admin
 * panel's « Importer un référentiel » page. Files that cannot be read throw a
 * SpreadsheetFileError (a 400 HttpError); a readable file with wrong rows gives a preview with errors.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const services = async () =>
    ((await strapi.documents(UID.service).findMany({ fields: ['slug', 'name'], sort: ['name:asc'] })) as unknown as { slug: string; name: string }[]).map(
      ({ slug, name }) => ({ slug, name }),
    );

  return {
    /** Every référentiel with its number of themes, criteria and indicators (one SQL query). */
    async list() {
      const knex = strapi.db.connection;
      const themeLink = link(strapi, UID.theme, 'referential');
      const criterionLink = link(strapi, UID.criterion, 'theme');
      const indicatorLink = link(strapi, UID.indicator, 'criterion');
      const referentials = strapi.db.metadata.get(UID.referential).tableName;
      const rows = await knex(`${referentials} as r`)
        .select('r.document_id', 'r.code', 'r.name', 'r.version', 'r.source')
        .select(
          knex.raw(`(select count(*) from ?? tl where tl.?? = r.id) as themes`, [themeLink.table, themeLink.to]),
          knex.raw(`(select count(*) from ?? cl join ?? tl on tl.?? = cl.?? where tl.?? = r.id) as criteria`, [
            criterionLink.table,
            themeLink.table,
            themeLink.from,
            criterionLink.to,
            themeLink.to,
          ]),
          knex.raw(`(select count(*) from ?? il join ?? cl on cl.?? = il.?? join ?? tl on tl.?? = cl.?? where tl.?? = r.id) as indicators`, [
            indicatorLink.table,
            criterionLink.table,
            criterionLink.from,
            indicatorLink.to,
            themeLink.table,
            themeLink.from,
            criterionLink.to,
            themeLink.to,
          ]),
        )
        .orderBy('r.name');
      return rows.map((row: Record<string, unknown>) => ({
        documentId: row.document_id as string,
        code: row.code as string,
        name: row.name as string,
        version: (row.version as string | null) ?? null,
        source: row.source as string,
        themes: Number(row.themes),
        criteria: Number(row.criteria),
        indicators: Number(row.indicators),
      }));
    },

    /** The empty workbook (or CSV header), with the town's services listed in its « Mode d'emploi ». */
    async template(format: SpreadsheetFormat): Promise<SpreadsheetFile> {
      return { filename: `modele-referentiel.${format}`, contentType: CONTENT_TYPES[format], body: await writeWorkbook(null, format, await services()) };
    },

    async exportReferential(documentId: string, format: SpreadsheetFormat): Promise<SpreadsheetFile | null> {
      const library = await exportLibrary(strapi, documentId);
      if (!library) return null;
      return {
        filename: `referentiel-${library.referential.code}.${format}`,
        contentType: CONTENT_TYPES[format],
        body: await writeWorkbook(library, format, await services()),
      };
    },

    /** What the file would change; writes nothing. */
    async preview({ buffer, filename }: Upload): Promise<Preview> {
      const rows = await readWorkbook(buffer, filename);
      return (await previewRows(strapi, filename, rows)).preview;
    },

    /**
     * Applies the file in one transaction, comparing and writing inside it, or writes nothing and
     * returns the preview when a row is wrong.
     */
    async apply({ buffer, filename }: Upload): Promise<ImportOutcome> {
      const rows = await readWorkbook(buffer, filename);
      return strapi.db.transaction(async ({ trx }) => {
        // One import at a time: a second one compares against what the first has just written,
        // instead of both creating the same new référentiel.
        await trx.raw('select pg_advisory_xact_lock(?)', [IMPORT_LOCK]);
        const { preview, plan } = await previewRows(strapi, filename, rows);
        if (!plan) return { ok: false as const, preview };
        return { ok: true as const, report: await executePlan(strapi, trx as unknown as Knex.Transaction, plan), preview };
      });
    },
  } satisfies CmsServices['api::referential.spreadsheet'];
};

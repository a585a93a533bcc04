import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Writable } from 'node:stream';
import { parseEvaluationFilters } from '../../../exports/evaluation-filters';
import { streamedBody, writeEvaluationsCsv, writeEvaluationsXlsx } from '../../../exports/evaluation-export';
import { evaluationIds, evaluationRows, type EvaluationExportRow } from '../../../exports/evaluation-rows';
import { callerOf } from '../../../platform/http/request';
import { townToday } from '../../../platform/calendar/clock';
import { visibleServiceIds } from '../../../access/read-scope';

type Writer = (rows: AsyncIterable<EvaluationExportRow>, out: Writable) => Promise<void>;

const FORMATS = {
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', write: writeEvaluationsXlsx },
  csv: { type: 'text/csv; charset=utf-8', write: writeEvaluationsCsv },
} satisfies Record<string, { type: string; write: Writer }>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Filters and scope are checked (400 in French) before the first byte goes out; then rows stream. */
  async function evaluations(ctx: Context, format: keyof typeof FORMATS) {
    const visible = await visibleServiceIds(strapi, callerOf(ctx, 'exporter les évaluations'));
    const ids = await evaluationIds(strapi, await parseEvaluationFilters(strapi, ctx.query, visible), visible);
    const { type, write } = FORMATS[format];
    ctx.set('Content-Type', type);
    ctx.set('Content-Disposition', `attachment; filename="evaluations-${townToday()}.${format}"`);
    ctx.set('X-Row-Count', String(ids.length));
    ctx.body = streamedBody(
      (out) => write(evaluationRows(strapi, ids), out),
      (error) => strapi.log.error(`Export des évaluations (${format}) interrompu : ${error.message}`),
    );
  }
  return {
    evaluationsXlsx: (ctx: Context) => evaluations(ctx, 'xlsx'),
    evaluationsCsv: (ctx: Context) => evaluations(ctx, 'csv'),
  };
};

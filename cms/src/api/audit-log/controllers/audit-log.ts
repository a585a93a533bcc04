import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { readAuditLog } from '../../../audit-log/read-audit-log';
import { auditLogReaders } from '../../../audit-log/readers';
import { HttpError } from '../../../platform/http/http-error';
import { callerOf } from '../../../platform/http/request';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/audit-log?type=&documentId=&actor=&from=&to=&page=&pageSize= — the DGS's « Journal des modifications ». */
  async find(ctx: Context) {
    const caller = callerOf(ctx, 'consulter le journal des modifications de l’application');
    if (!auditLogReaders().includes(caller.role?.type ?? '')) {
      throw new HttpError(403, 'Le journal des modifications est réservé à la direction générale des services.');
    }
    ctx.body = await readAuditLog(strapi, ctx.query);
  },
});

import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { AuditQueryError, readAuditLog } from '../../../audit/read-audit-log';
import { auditLogReaders } from '../../../audit/readers';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/audit-log?type=&documentId=&actor=&from=&to=&page=&pageSize= — the DGS's « Journal des modifications ». */
  async find(ctx: Context) {
    const user = ctx.state.user as { role?: { type?: string } } | undefined;
    if (!user) return ctx.unauthorized('Connectez-vous pour consulter le journal des modifications de l’application.');
    if (!auditLogReaders().includes(user.role?.type ?? '')) {
      return ctx.forbidden('Le journal des modifications est réservé à la direction générale des services.');
    }
    try {
      ctx.body = await readAuditLog(strapi, ctx.query);
    } catch (error) {
      if (error instanceof AuditQueryError) return ctx.badRequest(error.message);
      throw error;
    }
  },
});

import type { Session } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { rolesConfig } from '../../../access/roles-config';
import { mailAlertReaders } from '../../../operations/mail-alert-readers';
import { auditLogReaders } from '../../../audit-log/readers';
import { personName } from '../../../platform/people/person-name';
import { managementReviewReaders } from '../../../management-review/review-document';
import { evidenceConfig } from '../../../evidence/evidence-config';

/** GET /api/session: who is logged in, with their role and services — what the front needs to draw itself. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const user = ctx.state.user as { id: number; username: string; email: string; firstname?: string | null; lastname?: string | null; role?: { type: string } } | undefined;
    if (!user) return ctx.unauthorized('Session expirée ou absente : reconnectez-vous.');
    const roleType = user.role?.type ?? 'authenticated';
    const services = strapi.db.query('api::service.service');
    const select = ['id', 'documentId', 'name', 'slug'];
    const [headed, staffed] = await Promise.all([
      services.findMany({ select, where: { heads: { id: user.id } }, orderBy: { name: 'asc' } }),
      services.findMany({ select, where: { agents: { id: user.id } }, orderBy: { name: 'asc' } }),
    ]);
    const headIds = new Set(headed.map((s: { id: number }) => s.id));
    const all = [...headed, ...staffed.filter((s: { id: number }) => !headIds.has(s.id))];
    const role = rolesConfig().roles[roleType];
    const data: Session = {
      user: { id: user.id, username: user.username, name: personName(user), email: user.email },
      role: {
        type: roleType,
        name: role?.name ?? roleType,
        readScope: role?.readScope ?? 'none',
        mailAlerts: mailAlertReaders().includes(roleType),
        auditLog: auditLogReaders().includes(roleType),
        publicReplies: !!role?.permissions['api::feedback-reply.feedback-reply']?.includes('create'),
        managementReview: managementReviewReaders().includes(roleType),
        evidenceKeeper: evidenceConfig().keepers.includes(roleType),
        evidenceWriter: evidenceConfig().writers.includes(roleType),
        mysteryPlanner: !!role?.permissions['api::mystery-campaign.mystery-planner']?.includes('plan'),
      },
      services: all.map((s: { documentId: string; name: string; slug: string; id: number }) => ({
        documentId: s.documentId,
        name: s.name,
        slug: s.slug,
        isHead: headIds.has(s.id),
      })),
    };
    ctx.body = { data };
  },
});

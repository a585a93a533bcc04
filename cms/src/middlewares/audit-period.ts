import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { mandateOf, mandateRefusal } from '../access/audit-mandate';
import { rolesConfig } from '../access/roles-config';

interface AuthenticatedUser {
  id: number;
  role?: { type?: string } | null;
}

/**
 * An external auditor's access lasts as long as their mission (access/audit-mandate.ts): outside
 * it, every API request they make — their login included — is refused with a French 403 that
 * says why. The bearer is read like the users-permissions strategy reads it (the verified token
 * and the user are remembered, access/auth-cache.ts), so other accounts pay one cached lookup.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const auditing = () => Object.entries(rolesConfig().roles).filter(([, role]) => role.readScope === 'audited-campaign').map(([type]) => type);
  const refusalFor = async (userId: number): Promise<string | null> => {
    const user = (await strapi.plugin('users-permissions').service('user').fetchAuthenticatedUser(userId)) as AuthenticatedUser | null;
    if (!user || !auditing().includes(user.role?.type ?? '')) return null;
    return mandateRefusal(await mandateOf(strapi, user.id));
  };
  const refuse = (ctx: Context, message: string) => {
    ctx.status = 403;
    ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message, details: {} } };
  };
  return async (ctx: Context, next: Next) => {
    if (!ctx.path.startsWith('/api/')) return next();
    if (ctx.request.headers.authorization) {
      // An invalid token is the strategy's to refuse (401).
      const payload = (await Promise.resolve(strapi.plugin('users-permissions').service('jwt').getToken(ctx)).catch(() => null)) as { id?: unknown } | null;
      if (payload && typeof payload.id === 'number') {
        const refusal = await refusalFor(payload.id);
        if (refusal) return refuse(ctx, refusal);
      }
    }
    await next();
    // A login is refused the same way once the account's mission is over (or not yet begun).
    if (ctx.path === '/api/auth/local' && ctx.status === 200) {
      const user = (ctx.body as { user?: { id?: unknown } } | undefined)?.user;
      if (user && typeof user.id === 'number') {
        const refusal = await refusalFor(user.id);
        if (refusal) refuse(ctx, refusal);
      }
    }
  };
};

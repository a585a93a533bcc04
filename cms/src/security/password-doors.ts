import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { passwordProblem } from './password-policy';

const USER = 'plugin::users-permissions.user';

type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

/**
 * Every users-permissions password goes through the Document Service before it is hashed: REST
 * user creation, the admin panel's Content Manager, reset-password and change-password alike. One
 * check here covers every door (the admin panel's own accounts are checked in request-guard.ts).
 */
export function passwordPolicyMiddleware(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (context.uid === USER && (context.action === 'create' || context.action === 'update')) {
      const params = context.params as { documentId?: string; data?: Record<string, unknown> };
      const password = params.data?.password;
      // An empty password field in the Content Manager means "unchanged".
      if (typeof password === 'string' && password.length > 0) {
        const personal = [params.data?.email, params.data?.username] as (string | undefined)[];
        if (params.documentId) {
          const current = await strapi.db.query(USER).findOne({ where: { documentId: params.documentId }, select: ['email', 'username'] });
          personal.push(current?.email, current?.username);
        }
        const problem = passwordProblem(password, personal);
        if (problem) throw new errors.ValidationError(problem);
      }
    }
    return next();
  };
}

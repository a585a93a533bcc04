import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { adminName, type AdminUser } from '../platform/http/request';
import { personName } from '../platform/people/person-name';
import type { ActorKind, Origin } from './audit-table';

export interface AuditActor {
  kind: ActorKind;
  id: number | null;
  name: string | null;
  origin: Origin;
}

const explicit = new AsyncLocalStorage<AuditActor>();

/**
 * Runs `work` on behalf of `actor`: for writes started by a request but finished after it (the
 * campaign builder), or by a script that knows whom it acts for.
 */
export function actingAs<T>(actor: AuditActor, work: () => Promise<T>): Promise<T> {
  return explicit.run(actor, work);
}

/** Who is writing right now: the explicit actor, else the request's authenticated user, else the system. */
export function currentActor(strapi: Core.Strapi): AuditActor {
  const forced = explicit.getStore();
  if (forced) return forced;
  const ctx = strapi.requestContext.get() as
    | { state?: { user?: AdminUser & { username?: string; firstname?: string | null; lastname?: string | null }; auth?: { strategy?: { name?: string } } } }
    | undefined;
  if (!ctx) return { kind: 'system', id: null, name: null, origin: 'script' };
  const user = ctx.state?.user;
  const strategy = ctx.state?.auth?.strategy?.name;
  if (strategy === 'admin' && user) return { kind: 'admin', id: user.id, name: adminName(user), origin: 'admin' };
  if (user) return { kind: 'user', id: user.id, name: personName(user), origin: 'rest' };
  // An API token or an anonymous visitor (a complaint, a survey answer).
  return { kind: strategy === 'api-token' ? 'system' : 'public', id: null, name: strategy === 'api-token' ? 'jeton d’API' : null, origin: 'rest' };
}

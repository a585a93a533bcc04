import type { Context } from 'koa';

interface Ability {
  can(action: string, subject?: string): boolean;
}

/** Whether the admin behind this request may read `uid` in the Content Manager (its RBAC, conditions aside). */
export function canReadInPanel(ctx: Context, uid: string): boolean {
  return (ctx.state.userAbility as Ability | undefined)?.can('plugin::content-manager.explorer.read', uid) ?? false;
}

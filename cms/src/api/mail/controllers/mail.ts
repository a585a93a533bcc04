import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { rolesConfig } from '../../../access/roles-config';
import { mailAlertReaders } from '../../../operations/mail-alert-readers';
import { mailStatus } from '../../../operations/mail-log';
import { HttpError } from '../../../platform/http/http-error';
import { callerOf } from '../../../platform/http/request';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/mail-status — whether mails have stopped leaving, for the banner of the roles told. */
  async status(ctx: Context) {
    const caller = callerOf(ctx, 'savoir si les courriels partent');
    if (!mailAlertReaders().includes(caller.role?.type ?? '')) {
      // Named from the file, so the message stays true when the list changes.
      const names = mailAlertReaders().map((role) => `« ${rolesConfig().roles[role].name} »`);
      const who = names.length > 1 ? `aux rôles ${names.slice(0, -1).join(', ')} et ${names.at(-1)}` : `au rôle ${names[0]}`;
      throw new HttpError(403, names.length ? `L’état des courriels est réservé ${who}.` : 'L’état des courriels n’est ouvert à aucun rôle.');
    }
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = { data: await mailStatus(strapi) };
  },
});

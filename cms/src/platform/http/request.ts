import type { AdminUserRef } from '@charte/contract';
import type { Context } from 'koa';
import { HttpError } from './http-error';
import { personName } from '../people/person-name';

/** Who calls, as the users-permissions strategy put it on the request. */
export interface Caller {
  id: number;
  username?: string;
  email?: string;
  firstname?: string | null;
  lastname?: string | null;
  role?: { type?: string } | null;
}

/** The logged-in caller of a staff route; a French 401 saying what to log in for otherwise. */
export function callerOf(ctx: Context, forWhat: string): Caller {
  const caller = ctx.state.user as Caller | undefined;
  if (!caller) throw new HttpError(401, `Connectez-vous pour ${forWhat}.`);
  return caller;
}

/** The parsed body (strapi::body puts it on the request; Koa's types do not know it). */
export function requestBody(ctx: Context): unknown {
  return (ctx.request as unknown as { body?: unknown }).body;
}

/** The body as a JSON object, or a 400 saying which shape was expected. */
export function objectBody(ctx: Context, expected: string): Record<string, unknown> {
  const body = requestBody(ctx);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, `Corps de requête attendu : ${expected}.`);
  return body as Record<string, unknown>;
}

/** Answers a file download. */
export function sendFile(ctx: Context, file: { buffer: Buffer | Uint8Array; fileName: string; contentType: string }): void {
  ctx.set('Content-Type', file.contentType);
  ctx.set('Content-Disposition', `attachment; filename="${file.fileName}"`);
  ctx.body = file.buffer;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An administrator of the panel, as the admin routes see it (`ctx.state.user`). */
export type AdminUser = AdminUserRef;

/** How an administrator is named in histories and mails, as any person is. */
export function adminName(user: AdminUser): string {
  return personName(user, 'administrateur');
}

import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { addEvidenceVersion, addProcedure, listEvidence, strapiUpload, updateEvidence } from '../../../evidence/evidence-store';
import { expiringEvidence } from '../../../evidence/expiry';
import { callerOf, objectBody, requestBody, type Caller } from '../../../platform/http/request';

const FOR = 'lire ou déposer des pièces';
// A multipart form's fields arrive as the body; a form with only a file leaves it empty.
const fields = (ctx: Context) => {
  const body = requestBody(ctx);
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
};
const files = (ctx: Context) => (ctx.request as unknown as { files?: unknown }).files;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    ctx.body = await listEvidence(strapi, callerOf(ctx, FOR), ctx.query);
  },
  async expiring(ctx: Context) {
    ctx.body = await expiringEvidence(strapi, ctx.state.user as Caller | undefined);
  },
  async update(ctx: Context) {
    ctx.body = await updateEvidence(strapi, callerOf(ctx, FOR), ctx.params.fileId, objectBody(ctx, '{ "owner"?, "validUntil"?, "title"? }'));
  },
  async version(ctx: Context) {
    ctx.status = 201;
    ctx.body = await addEvidenceVersion(strapi, callerOf(ctx, FOR), ctx.params.fileId, fields(ctx), files(ctx), strapiUpload(strapi));
  },
  async procedure(ctx: Context) {
    ctx.status = 201;
    ctx.body = await addProcedure(strapi, callerOf(ctx, FOR), fields(ctx), files(ctx), strapiUpload(strapi));
  },
});

import type { Core } from '@strapi/strapi';
import { secret } from '../src/platform/config/secrets';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: secret(env, 'ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: secret(env, 'API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: secret(env, 'TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: secret(env, 'ENCRYPTION_KEY'),
  },
  // Strapi's own limit counts every login, successful ones too, and answers in English without
  // Retry-After: a head who logs in six times in five minutes was locked out. Logins of the panel
  // are limited by src/security/request-guard.ts instead (failed attempts only, per account and per
  // address, across instances, in French with Retry-After).
  rateLimit: { enabled: false },
  flags: {
    nps: false,
    promoteEE: false,
  },
  // No AI features (they call an external service) and no site to preview: both would only confuse the staff.
  ai: { enabled: false },
  preview: { enabled: false, config: { handler: () => null } },
});

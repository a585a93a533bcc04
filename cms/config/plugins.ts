import type { Core } from '@strapi/strapi';
import { secret } from '../src/platform/config/secrets';
import { securityConfig, uploadSizeLimitBytes } from '../src/security/security-config';

/**
 * E-mail: SMTP settings come from the environment. Without SMTP_HOST the messages are written
 * to the log instead of being sent (see docs/operations.md, « Voir les courriels »).
 */
function emailProviderOptions(env: Core.Config.Shared.ConfigParams['env']) {
  const host = env('SMTP_HOST', '');
  if (!host) return { jsonTransport: true };
  const user = env('SMTP_USERNAME', '');
  return {
    host,
    port: env.int('SMTP_PORT', 587),
    secure: env.bool('SMTP_SECURE', false),
    ignoreTLS: env.bool('SMTP_IGNORE_TLS', false),
    ...(user ? { auth: { user, pass: env('SMTP_PASSWORD', '') } } : {}),
  };
}

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: {
      jwtSecret: secret(env, 'JWT_SECRET'),
      // Session length from config/security.yaml (« token.lifetime »).
      jwt: { expiresIn: securityConfig().token.lifetime },
      // Replaced by src/security/request-guard.ts: counts failures only, in PostgreSQL, across instances.
      ratelimit: { enabled: false },
      register: { allowedFields: [] },
    },
  },
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: emailProviderOptions(env),
      settings: {
        defaultFrom: env('EMAIL_FROM', 'Charte d’accueil <qualite@mairie.local>'),
        defaultReplyTo: env('EMAIL_REPLY_TO', 'qualite@mairie.local'),
      },
    },
  },
  // Second line of defence behind src/security/request-guard.ts (same limits, Strapi's own checks).
  upload: {
    config: {
      sizeLimit: uploadSizeLimitBytes(),
      security: { allowedTypes: securityConfig().uploads.allowedTypes },
    },
  },
  'charte-admin': {
    enabled: true,
    resolve: '../admin-extensions',
  },
});

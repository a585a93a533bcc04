import { z } from 'zod';
import { readConfigFile } from '../platform/config/read-config';

const failures = z.object({ failures: z.number().int().min(1), windowMinutes: z.number().int().min(1) });
const requests = z.object({ requests: z.number().int().min(1), windowMinutes: z.number().int().min(1) });

const securitySchema = z.object({
  login: z.object({ perAccount: failures, perAddress: failures }),
  passwordReset: z.object({ perAddress: requests, minimumResponseMilliseconds: z.number().int().min(0).max(10_000) }),
  password: z.object({ minLength: z.number().int().min(8).max(128), minScore: z.number().int().min(0).max(4) }),
  token: z.object({ lifetime: z.string().regex(/^\d+[smhd]$/, 'durée attendue comme « 8h », « 30m » ou « 7d »') }),
  uploads: z.object({
    maxSizeMegabytes: z.number().positive().max(1024),
    allowedTypes: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+*-]+$/i, 'type MIME attendu, par ex. application/pdf')).min(1),
  }),
});

export type SecurityConfig = z.infer<typeof securitySchema>;

let cached: SecurityConfig | undefined;

/** config/security.yaml, read and checked once (Strapi's config files call it too, before boot). */
export function securityConfig(): SecurityConfig {
  cached ??= readConfigFile('security.yaml', securitySchema) as SecurityConfig;
  return cached;
}

export function tokenLifetimeSeconds(lifetime = securityConfig().token.lifetime): number {
  const amount = Number(lifetime.slice(0, -1));
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[lifetime.slice(-1) as 's' | 'm' | 'h' | 'd'];
  return amount * unit;
}

export function uploadSizeLimitBytes(): number {
  return Math.round(securityConfig().uploads.maxSizeMegabytes * 1024 * 1024);
}

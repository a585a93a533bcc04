import { z } from 'zod';
import { readConfigFile } from '../platform/config/read-config';

/** zod's own words are English; the key itself is named by read-config.ts. */
const UNKNOWN_KEY = 'clé inconnue (voir docs/features/sso.md)';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * An issuer is reached over HTTPS; plain HTTP only on this machine's loopback (a Keycloak on a
 * developer's workstation, the provider the tests start), where nothing travels on a network.
 */
const issuer = z
  .string()
  .url('adresse attendue, par ex. https://login.microsoftonline.com/<locataire>/v2.0')
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  }, 'l’émetteur doit être en https:// (http:// seulement sur 127.0.0.1 ou localhost)');

const slug = z.string().regex(/^[a-z0-9-]+$/, 'identifiant de service attendu (slug, par ex. accueil-etat-civil)');

const rule = z
  .object({
    group: z.string().min(1, 'nom du groupe de l’annuaire obligatoire'),
    role: z.string().min(1).optional(),
    headOf: z.array(slug).default([]),
    agentOf: z.array(slug).default([]),
  })
  .strict(UNKNOWN_KEY)
  .refine((r) => r.role || r.headOf.length || r.agentOf.length, 'une règle donne un rôle (role), ou fait chef (headOf) ou agent (agentOf) de services');

const provider = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'identifiant attendu en minuscules, chiffres et tirets (il figure dans les adresses)'),
    name: z.string().min(1, 'nom affiché obligatoire').max(60),
    issuer,
    clientId: z.string().min(1, 'identifiant du client (clientId) obligatoire'),
    clientSecretEnv: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'nom de variable d’environnement attendu, par ex. CHARTE_SSO_ENTRA_SECRET'),
    scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'portée (scope) sans espace')).default(['openid', 'profile', 'email']),
    /** Claims of the ID token read for an account (Entra ID and Keycloak name them alike by default). */
    claims: z
      .object({
        email: z.string().default('email'),
        firstname: z.string().default('given_name'),
        lastname: z.string().default('family_name'),
        groups: z.string().default('groups'),
      })
      .strict(UNKNOWN_KEY)
      .default({}),
    allowedEmailDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'domaine attendu en minuscules, par ex. ville-exemple.fr')).default([]),
    rules: z.array(rule).default([]),
  })
  .strict(UNKNOWN_KEY)
  .refine((p) => p.scopes.includes('openid'), 'la portée « openid » est obligatoire (scopes)');

const ssoSchema = z
  .object({
    passwordLoginForDirectoryAccounts: z.enum(['allowed', 'refused'], { message: 'valeur attendue : allowed ou refused' }),
    providers: z.array(provider).default([]),
  })
  .strict(UNKNOWN_KEY)
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.providers.forEach((p, index) => {
      if (seen.has(p.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['providers', index, 'id'], message: `identifiant « ${p.id} » déclaré deux fois` });
      seen.add(p.id);
    });
  });

export type SsoConfig = z.infer<typeof ssoSchema>;
export type SsoProviderConfig = SsoConfig['providers'][number];
export type SsoRule = SsoProviderConfig['rules'][number];

let cached: SsoConfig | undefined;

/** config/sso.yaml, or the file CHARTE_SSO_CONFIG names (an installation's or a test's own). */
export function ssoConfigFile(): string {
  return process.env.CHARTE_SSO_CONFIG || 'sso.yaml';
}

export function ssoConfig(): SsoConfig {
  cached ??= readConfigFile(ssoConfigFile(), ssoSchema) as SsoConfig;
  return cached;
}

/** Read again at each boot: CHARTE_SSO_CONFIG may name another file for the next instance of this process (tests). */
export function reloadSsoConfig(): SsoConfig {
  cached = undefined;
  return ssoConfig();
}

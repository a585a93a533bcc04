import { rolesConfig } from '../access/roles-config';
import { reloadSsoConfig, ssoConfigFile } from '../security/sso-config';
import { forgetDiscoveries } from './oidc-flow';

/**
 * config/sso.yaml against the rest of config/ and the environment, at boot: a rule's role must be
 * a role of config/roles.yaml (and not « public »), and each provider's secret must be set.
 * Services are rows of the database, checked at sign-in (an unknown one is logged and skipped).
 */
export function checkSsoConfig(): void {
  const config = reloadSsoConfig();
  forgetDiscoveries();
  const roles = rolesConfig().roles;
  const problems: string[] = [];
  config.providers.forEach((provider, p) => {
    if (provider.id === 'local') problems.push(`providers.${p}.id : « local » est réservé aux comptes à mot de passe`);
    if (!process.env[provider.clientSecretEnv]) problems.push(`providers.${p}.clientSecretEnv : variable d’environnement ${provider.clientSecretEnv} absente ou vide`);
    provider.rules.forEach((rule, r) => {
      if (rule.role && (!roles[rule.role] || rule.role === 'public')) {
        problems.push(`providers.${p}.rules.${r}.role : rôle « ${rule.role} » inconnu de config/roles.yaml (${Object.keys(roles).filter((k) => k !== 'public').join(', ')})`);
      }
    });
  });
  const shown = ssoConfigFile() === 'sso.yaml' ? 'config/sso.yaml' : ssoConfigFile();
  if (problems.length) throw new Error(`${shown} invalide :\n- ${problems.join('\n- ')}`);
}

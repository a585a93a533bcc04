import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reloadSsoConfig } from '../../cms/src/security/sso-config';
import { checkSsoConfig } from '../../cms/src/sso/check-config';
import { mapGroups } from '../../cms/src/sso/directory-accounts';

/** config/sso.yaml is checked at boot: a wrong file stops it with a French message naming the entry. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-sso-config-'));
const saved = process.env.CHARTE_SSO_CONFIG;
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env.CHARTE_SSO_CONFIG;
  else process.env.CHARTE_SSO_CONFIG = saved;
  reloadSsoConfig();
});

function withFile(text: string) {
  const file = path.join(dir, `sso-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, text);
  process.env.CHARTE_SSO_CONFIG = file;
  return file;
}

const provider = (extra: string[] = []) =>
  [
    'passwordLoginForDirectoryAccounts: refused',
    'providers:',
    '  - id: entra',
    '    name: Microsoft Entra ID',
    '    issuer: https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
    '    clientId: charte',
    '    clientSecretEnv: CHARTE_SSO_UNIT_SECRET',
    ...extra,
  ].join('\n');

describe('config/sso.yaml', () => {
  it('ships with no provider: npm start needs no directory', () => {
    delete process.env.CHARTE_SSO_CONFIG;
    expect(reloadSsoConfig().providers).toEqual([]);
    expect(() => checkSsoConfig()).not.toThrow();
  });

  it('refuses a plain http issuer off this machine, an unknown key and a rule that gives nothing, in French', () => {
    const file = withFile(
      provider(['    tenant: x', '    rules:', '      - { group: GG-Vide }']).replace('https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0', 'http://annuaire.ville.fr'),
    );
    expect(() => reloadSsoConfig()).toThrow(`${file} invalide`);
    try {
      reloadSsoConfig();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('providers.0.issuer : l’émetteur doit être en https:// (http:// seulement sur 127.0.0.1 ou localhost)');
      expect(message).toContain('providers.0.rules.0 : une règle donne un rôle (role), ou fait chef (headOf) ou agent (agentOf) de services');
      expect(message).toContain('providers.0 : clé inconnue (voir docs/features/sso.md) : « tenant »');
    }
  });

  it('stops boot on a role unknown to config/roles.yaml and on a missing secret', () => {
    const file = withFile(provider(['    rules:', '      - { group: GG-Qualite, role: maire }']));
    delete process.env.CHARTE_SSO_UNIT_SECRET;
    expect(() => checkSsoConfig()).toThrow(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} invalide :\\n- providers\\.0\\.clientSecretEnv : variable d’environnement CHARTE_SSO_UNIT_SECRET absente ou vide\\n- providers\\.0\\.rules\\.0\\.role : rôle « maire » inconnu de config/roles\\.yaml`),
    );
    process.env.CHARTE_SSO_UNIT_SECRET = 'secret';
    withFile(provider(['    rules:', '      - { group: GG-Qualite, role: referent-qualite }']));
    expect(() => checkSsoConfig()).not.toThrow();
    delete process.env.CHARTE_SSO_UNIT_SECRET;
  });
});

describe('rules', () => {
  const rules = [
    { group: 'GG-Qualite', role: 'referent-qualite', headOf: [], agentOf: [] },
    { group: 'GG-Accueil-Chefs', role: 'chef-de-service', headOf: ['accueil-etat-civil'], agentOf: [] },
    { group: 'GG-Accueil', role: 'agent', headOf: [], agentOf: ['accueil-etat-civil', 'scolaire-periscolaire'] },
  ];
  it('gives the first role found, every service named, a head never also an agent of the same service', () => {
    expect(mapGroups(rules, ['GG-Accueil', 'GG-Accueil-Chefs', 'Autre'])).toEqual({
      matched: true,
      role: 'chef-de-service',
      headOf: ['accueil-etat-civil'],
      agentOf: ['scolaire-periscolaire'],
    });
    expect(mapGroups(rules, ['Autre'])).toEqual({ matched: false, role: null, headOf: [], agentOf: [] });
  });
});

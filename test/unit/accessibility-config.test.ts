import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

const root = path.join(__dirname, '..', '..');
const realConfig = path.join(root, 'config');
let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-accessibility-config-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

type Module = typeof import('../../cms/src/legal/accessibility-statement');

/** The module fresh (it reads the file once), on a copy of config/ with accessibility.yaml replaced. */
function withFile<T>(content: unknown, read: (module: Module) => T): T {
  const dir = fs.mkdtempSync(path.join(work, 'config-'));
  for (const name of fs.readdirSync(realConfig)) fs.copyFileSync(path.join(realConfig, name), path.join(dir, name));
  if (content !== undefined) fs.writeFileSync(path.join(dir, 'accessibility.yaml'), typeof content === 'string' ? content : YAML.stringify(content));
  process.env.CHARTE_CONFIG_DIR = dir;
  try {
    let result: T | undefined;
    jest.isolateModules(() => {
      result = read(jest.requireActual('../../cms/src/legal/accessibility-statement') as Module);
    });
    return result as T;
  } finally {
    delete process.env.CHARTE_CONFIG_DIR;
  }
}

const shipped = () => YAML.parse(fs.readFileSync(path.join(realConfig, 'accessibility.yaml'), 'utf8'));
const audit = {
  date: '2026-06-01',
  rgaaVersion: '4.1.2',
  auditor: 'en interne',
  rate: 72.5,
  pages: ['Accueil (/charte)'],
  nonConformities: ['Les graphiques n’ont pas d’alternative textuelle complète (critère 1.3).'],
  tools: ['Assistant RGAA'],
  environment: ['Firefox avec NVDA'],
};

describe('config/accessibility.yaml', () => {
  it('accepts the shipped file: no audit recorded, hence « non conforme », and says why', () => {
    const statement = withFile(undefined, (m) => m.accessibilityStatement(new Date('2026-12-03T10:00:00Z')));
    expect(statement.audit).toBeNull();
    expect(statement).toMatchObject({ conformity: 'non', conformityReason: 'Aucun audit de conformité au RGAA n’a encore été réalisé.', currentYear: 2026 });
    expect(statement.plans.map((p) => p.year)).toEqual([2026, 2027]);
  });

  it.each([
    ['a rate above 100', { audit: { ...audit, rate: 120 } }, /config\/accessibility\.yaml invalide :\n- audit\.rate : taux de critères respectés : de 0 à 100 %/],
    ['a negative rate', { audit: { ...audit, rate: -1 } }, /- audit\.rate : taux de critères respectés : de 0 à 100 %/],
    ['a rate that is no number', { audit: { ...audit, rate: 'beaucoup' } }, /- audit\.rate : taux de critères respectés : nombre attendu/],
    ['a schéma of 4 years', { schema: { ...shipped().schema, to: 2029 } }, /- schema\.to : un schéma pluriannuel dure 3 ans au plus .* 2026–2029 en compte 4/],
    ['a schéma ending before it starts', { schema: { ...shipped().schema, to: 2025 } }, /- schema\.to : le schéma finit \(2025\) avant de commencer \(2026\)/],
    ['a plan outside the schéma', { plans: [...shipped().plans, { year: 2030, actions: [{ title: 'Refonte', status: 'prevue' }] }] }, /- plans\.2\.year : plan 2030 hors du schéma pluriannuel \(2026–2028\)/],
    ['two plans for a year', { plans: [...shipped().plans, { year: 2026, actions: [{ title: 'Refonte', status: 'prevue' }] }] }, /- plans\.2\.year : deux plans pour l’année 2026/],
    ['an unknown action status', { plans: [{ year: 2026, actions: [{ title: 'Refonte', status: 'finie' }] }] }, /- plans\.0\.actions\.0\.status : état attendu : prevue, en-cours, realisee, reportee/],
    ['a date that does not exist', { establishedOn: '2026-02-30' }, /- establishedOn : cette date n’existe pas/],
    ['a partial audit without its non-conformities', { audit: { ...audit, nonConformities: [] } }, /- audit\.nonConformities : taux de 72\.5 % : listez les non-conformités relevées/],
    ['an audit without pages', { audit: { ...audit, pages: [] } }, /- audit\.pages : au moins une page auditée/],
    ['an unknown key', { auditeur: 'x' }, /- \(racine\) : clé inconnue \(attendues : demo, entity, service, /],
  ])('stops with a French message naming the entry: %s', (_case, change, message) => {
    expect(() => withFile({ ...shipped(), ...change }, (m) => m.accessibilityFile())).toThrow(message);
  });
});

describe('the conformity mention', () => {
  const today = '2026-12-03';
  it.each([
    [100, 'totale'],
    [99.9, 'partielle'],
    [50, 'partielle'],
    [49.9, 'non'],
    [0, 'non'],
  ])('reads %p %% of criteria met as « %s »', (rate, level) => {
    const { conformityOf } = jest.requireActual('../../cms/src/legal/accessibility-statement') as Module;
    expect(conformityOf({ date: '2026-06-01', rate }, today)).toEqual({ level, reason: null });
  });

  it('is « non conforme » without an audit, or with one more than 3 years old', () => {
    const { conformityOf } = jest.requireActual('../../cms/src/legal/accessibility-statement') as Module;
    expect(conformityOf(null, today).level).toBe('non');
    expect(conformityOf({ date: '2023-12-03', rate: 100 }, today).level).toBe('totale');
    expect(conformityOf({ date: '2023-12-02', rate: 100 }, today)).toEqual({ level: 'non', reason: 'Le dernier audit (2023-12-02) a plus de 3 ans : il n’est plus en cours de validité.' });
  });

  it('serves a recorded audit’s mention from the file', () => {
    const statement = withFile({ ...shipped(), audit }, (m) => m.accessibilityStatement(new Date('2026-12-03T10:00:00Z')));
    expect(statement).toMatchObject({ conformity: 'partielle', conformityReason: null });
    expect(statement.audit).toMatchObject({ rate: 72.5, averageRate: null, reportUrl: null, derogations: [] });
  });
});

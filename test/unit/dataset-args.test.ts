import { DEFAULT_OPTIONS, HELP, parseArguments, resolveOptions } from '../../database/dataset/options';

const parse = (line: string) => parseArguments(line ? line.split(' ') : []);
const options = (line: string) => {
  const parsed = parse(line);
  if (parsed.help) throw new Error('aide inattendue');
  return parsed;
};

describe('dataset generator arguments', () => {
  it('defaults to the large town of issue 8', () => {
    expect(options('')).toEqual({ help: false, databaseUrl: undefined, options: DEFAULT_OPTIONS });
    expect(DEFAULT_OPTIONS).toMatchObject({ services: 50, criteria: 200, campaigns: 5, roadmapActions: 5000, measures: 100000, complaints: 20000, users: 200 });
  });

  it('reads every option, in both `--flag value` and `--flag=value` forms', () => {
    const parsed = options(
      '--database-url postgres://u@h:5432/db --seed=7 --services 3 --criteria 30 --campaigns=2 --roadmap-actions 0 --measures 10 --complaints=5 --users 12 --mystery-tests=40 --force',
    );
    expect(parsed).toEqual({
      help: false,
      databaseUrl: 'postgres://u@h:5432/db',
      options: { seed: 7, services: 3, criteria: 30, campaigns: 2, roadmapActions: 0, measures: 10, complaints: 5, users: 12, mysteryTests: 40, force: true },
    });
  });

  it('shows a French help that names every option', () => {
    expect(parse('--help')).toEqual({ help: true });
    expect(parse('--services 3 -h')).toEqual({ help: true });
    for (const flag of ['--database-url', '--seed', '--services', '--criteria', '--campaigns', '--roadmap-actions', '--measures', '--complaints', '--users', '--mystery-tests', '--force']) {
      expect(HELP).toContain(flag);
    }
    expect(HELP).toContain('Génère le jeu de données');
  });

  it.each([
    ['--services abc', 'Le nombre de services (--services) doit être un nombre entier positif (reçu : « abc »).'],
    ['--criteria -3', 'Le nombre d’engagements (--criteria) doit être un nombre entier positif (reçu : « -3 »).'],
    ['--criteria --force', 'L’option --criteria attend une valeur.'],
    ['--measures 1.5', 'Le nombre de mesures (--measures) doit être un nombre entier positif (reçu : « 1.5 »).'],
    ['--services 0', 'Le nombre de services (--services) doit être compris entre 1 et 10 000 (reçu : 0).'],
    ['--users 3', 'Le nombre d’utilisateurs (--users) doit être compris entre 4 et 100 000 (reçu : 3).'],
    ['--campaigns 51', 'Le nombre de campagnes (--campaigns) doit être compris entre 1 et 50 (reçu : 51).'],
    ['--seed', 'L’option --seed attend une valeur.'],
    ['--seed 1 --seed 2', 'L’option --seed est donnée deux fois.'],
    ['--service 3', 'Option inconnue : --service. Voir --help pour la liste des options.'],
    ['50', 'Argument inattendu : « 50 ». Voir --help.'],
    ['--force=yes', 'L’option --force ne prend pas de valeur.'],
    ['--database-url mysql://h/db', 'L’adresse de la base (--database-url) doit commencer par postgres:// ou postgresql://.'],
  ])('refuses « %s » in French', (line, message) => {
    expect(() => parse(line)).toThrow(message);
  });

  it('applies the same bounds to a caller in code', () => {
    expect(resolveOptions({ services: 2 })).toEqual({ ...DEFAULT_OPTIONS, services: 2 });
    expect(() => resolveOptions({ criteria: 0 })).toThrow('Le nombre d’engagements (--criteria) doit être un nombre entier compris entre 1 et 10 000 (reçu : 0).');
    expect(() => resolveOptions({ complaints: 2.5 })).toThrow(/réclamations/);
  });
});

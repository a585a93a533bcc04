/** What the generator makes; every count can be changed on the command line. */
export interface DatasetOptions {
  seed: number;
  services: number;
  criteria: number;
  campaigns: number;
  roadmapActions: number;
  measures: number;
  complaints: number;
  users: number;
  /** Mystery test results (and the tests still to play in the wave under way). */
  mysteryTests: number;
  /** Replace the business data already in the database instead of refusing to run. */
  force: boolean;
}

export const DEFAULT_OPTIONS: DatasetOptions = {
  seed: 42,
  services: 50,
  criteria: 200,
  campaigns: 5,
  roadmapActions: 5000,
  measures: 100_000,
  complaints: 20_000,
  users: 200,
  mysteryTests: 20_000,
  force: false,
};

export class DatasetArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetArgumentError';
  }
}

type CountKey = Exclude<keyof DatasetOptions, 'force'>;

/** Command-line flag → option, its bounds and how a person calls it in an error message. */
const COUNTS: Record<string, { key: CountKey; min: number; max: number; label: string }> = {
  '--seed': { key: 'seed', min: 0, max: 4_294_967_295, label: 'La graine (--seed)' },
  '--services': { key: 'services', min: 1, max: 10_000, label: 'Le nombre de services (--services)' },
  '--criteria': { key: 'criteria', min: 1, max: 10_000, label: 'Le nombre d’engagements (--criteria)' },
  '--campaigns': { key: 'campaigns', min: 1, max: 50, label: 'Le nombre de campagnes (--campaigns)' },
  '--roadmap-actions': { key: 'roadmapActions', min: 0, max: 10_000_000, label: 'Le nombre d’actions de feuille de route (--roadmap-actions)' },
  '--measures': { key: 'measures', min: 0, max: 10_000_000, label: 'Le nombre de mesures (--measures)' },
  '--complaints': { key: 'complaints', min: 0, max: 10_000_000, label: 'Le nombre de réclamations (--complaints)' },
  '--users': { key: 'users', min: 4, max: 100_000, label: 'Le nombre d’utilisateurs (--users)' },
  '--mystery-tests': { key: 'mysteryTests', min: 0, max: 1_000_000, label: 'Le nombre de tests mystères (--mystery-tests)' },
};

export const HELP = `Génère le jeu de données d’une grande ville dans une base de Charte d’accueil.

Usage : npm run dataset -- [options]
        npx tsx database/generate-dataset.ts [options]

La base doit déjà porter le schéma de Strapi (démarrez le cms une fois dessus, par exemple avec
CHARTE_DEMO=off). Les mêmes options et la même graine donnent exactement les mêmes données.

Options :
  --database-url URL     base PostgreSQL à remplir (par défaut : la variable DATABASE_URL)
  --seed N               graine du tirage pseudo-aléatoire (défaut ${DEFAULT_OPTIONS.seed})
  --services N           services municipaux (défaut ${DEFAULT_OPTIONS.services})
  --criteria N           engagements du référentiel (défaut ${DEFAULT_OPTIONS.criteria})
  --campaigns N          campagnes d’évaluation, une par an (défaut ${DEFAULT_OPTIONS.campaigns})
  --roadmap-actions N    actions de la feuille de route (défaut ${DEFAULT_OPTIONS.roadmapActions})
  --measures N           mesures d’indicateurs (défaut ${DEFAULT_OPTIONS.measures})
  --complaints N         réclamations et suggestions (défaut ${DEFAULT_OPTIONS.complaints})
  --users N              comptes des agents, chefs de service, référents qualité et DGS, 4 au moins (défaut ${DEFAULT_OPTIONS.users})
  --mystery-tests N      tests mystères, répartis sur deux vagues par an (défaut ${DEFAULT_OPTIONS.mysteryTests})
  --force                remplace les données métier déjà présentes (services, comptes, référentiels,
                         campagnes, évaluations…) ; sans cette option, une base qui en contient est refusée
  -h, --help             affiche cette aide

Mot de passe de tous les comptes générés : Charte-Accueil-2026.`;

export type ParsedArguments = { help: true } | { help: false; options: DatasetOptions; databaseUrl: string | undefined };

/** Reads `--flag value` and `--flag=value` forms; anything unknown or malformed is refused in French. */
export function parseArguments(argv: string[]): ParsedArguments {
  const options: DatasetOptions = { ...DEFAULT_OPTIONS };
  let databaseUrl: string | undefined;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { help: true };
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (flag === '--force') {
      if (eq > 0) throw new DatasetArgumentError('L’option --force ne prend pas de valeur.');
      options.force = true;
      continue;
    }
    const count = COUNTS[flag];
    if (!count && flag !== '--database-url') {
      throw new DatasetArgumentError(
        arg.startsWith('-') ? `Option inconnue : ${flag}. Voir --help pour la liste des options.` : `Argument inattendu : « ${arg} ». Voir --help.`,
      );
    }
    if (seen.has(flag)) throw new DatasetArgumentError(`L’option ${flag} est donnée deux fois.`);
    seen.add(flag);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new DatasetArgumentError(`L’option ${flag} attend une valeur.`);
      i += 1;
    }
    if (flag === '--database-url') {
      if (!/^postgres(ql)?:\/\//.test(value)) {
        throw new DatasetArgumentError('L’adresse de la base (--database-url) doit commencer par postgres:// ou postgresql://.');
      }
      databaseUrl = value;
      continue;
    }
    if (!/^\d+$/.test(value)) throw new DatasetArgumentError(`${count.label} doit être un nombre entier positif (reçu : « ${value} »).`);
    const n = Number(value);
    if (n < count.min || n > count.max) {
      throw new DatasetArgumentError(`${count.label} doit être compris entre ${format(count.min)} et ${format(count.max)} (reçu : ${format(n)}).`);
    }
    options[count.key] = n;
  }
  return { help: false, options, databaseUrl };
}

function format(n: number): string {
  return n.toLocaleString('fr-FR').replace(/\u202f/g, ' ');
}

/** The same bounds for a caller in code (the benchmark) as on the command line. */
export function resolveOptions(input: Partial<DatasetOptions> = {}): DatasetOptions {
  const options = { ...DEFAULT_OPTIONS, ...input };
  for (const { key, min, max, label } of Object.values(COUNTS)) {
    const n = options[key];
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new DatasetArgumentError(`${label} doit être un nombre entier compris entre ${format(min)} et ${format(max)} (reçu : ${String(n)}).`);
    }
  }
  return options;
}

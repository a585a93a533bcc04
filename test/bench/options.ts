/** What `npm run bench` accepts, from the command line first, then the environment. */
export interface BenchOptions {
  /** A small dataset, for a quick check of the bench itself. */
  quick: boolean;
  /** Keep the bench database at the end (its name is printed). */
  keep: boolean;
  /** Seconds of load per autocannon measurement. */
  duration: number;
  /** Connections of the load tool. */
  connections: number;
  /** The PostgreSQL server (any database on it: the bench creates its own). */
  serverUrl: string;
  seed: number;
  /** Arguments given to the dataset generator (empty: its defaults). */
  datasetArgs: string[];
  /** Where the report goes. */
  resultsFile: string;
  /** The parts to run (a to g); the empty route, the reference of every target, is always measured. */
  parts: Set<BenchPart>;
}

export const BENCH_PARTS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

const QUICK_DATASET = ['--services', '8', '--criteria', '60', '--campaigns', '2', '--roadmap-actions', '300', '--measures', '2000', '--complaints', '500', '--users', '40', '--mystery-tests', '400'];

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

export function readOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  const number = (name: string, envName: string, fallback: number) => {
    const raw = flag(argv, name) ?? env[envName];
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} : nombre positif attendu (reçu « ${raw} »).`);
    return value;
  };
  const passThrough = ['services', 'criteria', 'campaigns', 'roadmap-actions', 'measures', 'complaints', 'users', 'mystery-tests']
    .filter((name) => flag(argv, name) !== undefined)
    .flatMap((name) => [`--${name}`, flag(argv, name)!]);
  const seed = number('seed', 'BENCH_SEED', 42);
  const partsFlag = flag(argv, 'parts') ?? env.BENCH_PARTS;
  const parts = new Set<BenchPart>(partsFlag === undefined ? BENCH_PARTS : []);
  for (const name of (partsFlag ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    if (!(BENCH_PARTS as readonly string[]).includes(name)) throw new Error(`--parts : parties possibles ${BENCH_PARTS.join(', ')} (reçu « ${name} »).`);
    parts.add(name as BenchPart);
  }
  // A partial or quick run never replaces the committed report.
  const partial = quick || parts.size < BENCH_PARTS.length;
  return {
    quick,
    keep: argv.includes('--keep') || env.BENCH_KEEP === '1',
    duration: number('duration', 'BENCH_DURATION', quick ? 3 : 10),
    connections: number('connections', 'BENCH_CONNECTIONS', 16),
    serverUrl: flag(argv, 'database-url') ?? env.TEST_DATABASE_URL ?? env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    seed,
    datasetArgs: ['--seed', String(seed), ...(quick ? QUICK_DATASET : []), ...passThrough],
    resultsFile: flag(argv, 'results') ?? env.BENCH_RESULTS ?? (partial ? 'test/bench/RESULTS.quick.md' : 'test/bench/RESULTS.md'),
    parts,
  };
}

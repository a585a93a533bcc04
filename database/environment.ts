import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, type RunningDatabase } from './embedded-postgres';
import { cmsDir, repoRoot } from './paths';

export { cmsDir, repoRoot };
const envFile = path.join(cmsDir, '.env');

const SECRETS = ['APP_KEYS', 'ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY', 'JWT_SECRET'];

/**
 * Loads cms/.env, first writing random secrets into it when it is missing, so that a newcomer's
 * `npm start` needs no manual step. Variables already set in the environment win.
 */
export function loadSecrets(): void {
  // Secrets given by the environment (a container, a service manager): nothing to write or read.
  if (SECRETS.every((name) => process.env[name])) return;
  if (!fs.existsSync(envFile)) {
    const random = () => crypto.randomBytes(24).toString('base64');
    const lines = SECRETS.map((name) => `${name}=${name === 'APP_KEYS' ? [random(), random(), random(), random()].join(',') : random()}`);
    fs.writeFileSync(envFile, `# Secrets générés au premier lancement : ne pas versionner.\n${lines.join('\n')}\n`, { mode: 0o600 });
  }
  process.loadEnvFile(envFile);
}

export function databaseConfigured(): boolean {
  return Boolean(process.env.DATABASE_URL || process.env.DATABASE_HOST);
}

/**
 * The database to use: the server named by DATABASE_URL / DATABASE_* when given, otherwise an
 * embedded PostgreSQL whose data lives in database/.data/ (git-ignored).
 */
export async function ensureDatabase(options: { quiet?: boolean } = {}): Promise<RunningDatabase | null> {
  if (databaseConfigured()) return null;
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  if (!options.quiet) console.log(`Aucune base configurée : démarrage de PostgreSQL embarqué (port ${port}, données dans database/.data/).`);
  const db = await startEmbeddedPostgres({
    dataDir: path.join(repoRoot, 'database', '.data', 'postgres'),
    port,
    database: 'charte_accueil',
    quiet: options.quiet,
  });
  process.env.DATABASE_URL = db.url;
  return db;
}

import fs from 'node:fs';
import { createStrapi } from '@strapi/strapi';
import { cmsDir } from '../../database/paths';
import { compileCmsForTests } from './compiled-cms';
import { SUITE_TIMES_DIR } from './suite-group';
import { createTestDatabase } from './test-database';

const TEST_SECRETS: Record<string, string> = {
  APP_KEYS: 'test-key-1,test-key-2',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  API_TOKEN_SALT: 'test-api-token-salt',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  ENCRYPTION_KEY: 'test-encryption-key',
  JWT_SECRET: 'test-jwt-secret',
};

/**
 * Once per `npm test`: the cms compiled (cms/dist, see compiled-cms.ts), and a fresh database that one boot fills with
 * the schema and the demo town. Each suite then works on its own copy of it (helpers/strapi.ts).
 */
export default async function globalSetup() {
  for (const [name, value] of Object.entries(TEST_SECRETS)) process.env[name] ??= value;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'warn';
  process.env.HOST = '127.0.0.1';
  process.env.PORT = '0';
  fs.rmSync(SUITE_TIMES_DIR, { recursive: true, force: true }); // this run's durations only
  const database = await createTestDatabase();
  (globalThis as { __testDatabase?: typeof database }).__testDatabase = database;
  delete process.env.DATABASE_HOST;
  process.env.DATABASE_URL = database.url;
  process.env.TEST_TEMPLATE_URL = database.url;
  const distDir = await compileCmsForTests();
  const app = await createStrapi({ appDir: cmsDir, distDir }).load();
  await app.destroy();
}

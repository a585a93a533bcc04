import { createTestDatabase } from '../helpers/test-database';
import { startApp } from './app-process';

/** Starts the app as a newcomer would (`npm start`, building what changed) on a fresh database. */
export default async function globalSetup() {
  const app = await startApp({ database: await createTestDatabase() });
  process.env.E2E_BASE_URL = app.url;
  // For the suites that set up what no page can (mails given up by an SMTP server: mails.e2e.ts).
  process.env.E2E_DATABASE_URL = app.databaseUrl;
  (globalThis as Record<string, unknown>).__e2e = { child: app.child, database: app.database };
}

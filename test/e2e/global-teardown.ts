import { stopApp, type AppProcess } from './app-process';

export default async function globalTeardown() {
  await stopApp((globalThis as Record<string, unknown>).__e2e as AppProcess | undefined);
}

import type { ChildProcess } from 'node:child_process';

export default async function globalTeardown() {
  const state = (globalThis as Record<string, unknown>).__e2e as { child: ChildProcess; database: { drop(): Promise<void> } } | undefined;
  if (!state) return;
  const exited = new Promise((resolve) => state.child.once('exit', resolve));
  try {
    process.kill(-state.child.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  await state.database.drop();
}

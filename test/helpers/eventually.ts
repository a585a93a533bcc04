/**
 * Waits for a condition instead of sleeping: reads `read()` until `done(value)` holds and returns
 * that value. Past `timeoutMs` it fails, naming what it waited for and the last value it read — a
 * wait is never an assertion by itself: the test asserts on what it returns.
 *
 *   const jobs = await eventually('les deux travaux d’envoi', () => jobsFor(id), (rows) => rows.length >= 2);
 *
 * An error thrown by `read` fails at once (a broken query is not a condition not met yet).
 */
export async function eventually<T>(
  what: string,
  read: () => T | Promise<T>,
  done: (value: T) => boolean = Boolean,
  { timeoutMs = 30_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() >= deadline) {
      throw new Error(`Toujours en attente après ${timeoutMs} ms : ${what}. Dernière valeur lue : ${describe(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.slice(0, 2000);
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 2000);
  } catch {
    return String(value);
  }
}

import pg from 'pg';

export function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

export async function onServer<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

let copies = 0;

/**
 * A copy of the run's database (schema and demo town, prepared once by the global setup) for one
 * test suite, so that what a suite changes never leaks into another. CREATE DATABASE … TEMPLATE
 * copies files: a few hundred milliseconds.
 */
export async function copyOfTemplate(templateUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const template = new URL(templateUrl).pathname.slice(1);
  const name = `${template}_s${process.pid}_${(copies += 1)}_${Math.random().toString(36).slice(2, 8)}`;
  await onServer(templateUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)}`));
  return {
    url: withDatabase(templateUrl, name),
    drop: () => onServer(templateUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(() => undefined),
  };
}

/** DATABASE_URL, or one built from the DATABASE_* variables as cms/config/database.ts does. */
export function configuredDatabaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const url = new URL('postgres://localhost');
  url.hostname = process.env.DATABASE_HOST ?? '127.0.0.1';
  url.port = process.env.DATABASE_PORT ?? '5432';
  url.username = process.env.DATABASE_USERNAME ?? 'postgres';
  url.password = process.env.DATABASE_PASSWORD ?? '';
  url.pathname = `/${process.env.DATABASE_NAME ?? 'charte_accueil'}`;
  if (process.env.DATABASE_SSL === 'true') url.searchParams.set('sslmode', 'require');
  return url.toString();
}

export const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/** The same server and credentials, another database. */
export function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${encodeURIComponent(name)}`;
  return next.toString();
}

import type { Core } from '@strapi/strapi';

/**
 * PostgreSQL only. DATABASE_URL wins; otherwise the DATABASE_* variables.
 * `npm start` sets DATABASE_URL itself to an embedded server when neither is given.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const ssl = env.bool('DATABASE_SSL', false)
    ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) }
    : false;
  const url = env('DATABASE_URL', '');
  const connection = url
    ? { connectionString: url, ssl }
    : {
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 5432),
        database: env('DATABASE_NAME', 'charte_accueil'),
        user: env('DATABASE_USERNAME', 'postgres'),
        password: env('DATABASE_PASSWORD', ''),
        ssl,
      };
  return {
    connection: {
      client: 'postgres',
      connection: { ...connection, schema: env('DATABASE_SCHEMA', 'public') },
      pool: {
        min: env.int('DATABASE_POOL_MIN', 0),
        max: env.int('DATABASE_POOL_MAX', 10),
      },
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
  };
};

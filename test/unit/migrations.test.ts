import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { onServer, withDatabase } from '../helpers/database-copy';

/**
 * The files of cms/database/migrations, which Strapi runs before its schema sync: each keeps the
 * data of the attribute it renames, and does nothing on a new database or a second run.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the migration is the plain .js file Strapi loads
const migration = (name: string) => require(path.join(__dirname, '..', '..', 'cms', 'database', 'migrations', name)) as { up(knex: Knex): Promise<void> };

// An empty database of its own on the run's server (test/helpers/global-setup.ts sets DATABASE_URL).
const server = process.env.DATABASE_URL!;
const name = `charte_test_migrations_${process.pid}`;
let knex: Knex;
beforeAll(async () => {
  await onServer(server, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)}`).then(() => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`)));
  knex = knexFactory({ client: 'pg', connection: withDatabase(server, name) });
}, 60_000);
afterAll(async () => {
  await knex.destroy();
  await onServer(server, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
});

describe('2026.12.02 roadmap action status', () => {
  const { up } = migration('2026.12.02T00.00.00.roadmap-action-status.js');

  it('does nothing on a database without the table', async () => {
    await knex.transaction((trx) => up(trx));
    expect(await knex.schema.hasTable('roadmap_actions')).toBe(false);
  });

  it('keeps every action’s status under its new name, and a second run changes nothing', async () => {
    await knex.schema.createTable('roadmap_actions', (t) => {
      t.increments('id');
      t.string('title');
      t.string('status');
    });
    await knex('roadmap_actions').insert([{ title: 'Affiches', status: 'abouti' }, { title: 'Accueil téléphonique', status: 'en-cours' }]);
    await knex.transaction((trx) => up(trx));
    await knex.transaction((trx) => up(trx));
    expect(await knex.schema.hasColumn('roadmap_actions', 'status')).toBe(false);
    expect(await knex('roadmap_actions').orderBy('id').select('title', 'action_status')).toEqual([
      { title: 'Affiches', action_status: 'abouti' },
      { title: 'Accueil téléphonique', action_status: 'en-cours' },
    ]);
  });
});

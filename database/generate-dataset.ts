import knexFactory from 'knex';
import { describeSummary, generateDataset } from './dataset/generate';
import { DatasetArgumentError, HELP, parseArguments } from './dataset/options';

/**
 * `npm run dataset -- [options]`: fills a database (schema created by Strapi) with a large town,
 * deterministically. See `--help`.
 */
async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (error instanceof DatasetArgumentError) {
      console.error(`${error.message}`);
      return 2;
    }
    throw error;
  }
  if (parsed.help) {
    console.log(HELP);
    return 0;
  }
  const url = parsed.databaseUrl ?? process.env.DATABASE_URL;
  if (!url) {
    console.error('Aucune base indiquée : passez --database-url postgres://… ou définissez la variable DATABASE_URL.');
    return 2;
  }
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    console.log(`Génération du jeu de données (graine ${parsed.options.seed})…`);
    const summary = await generateDataset(knex, parsed.options);
    for (const line of describeSummary(summary)) console.log(line);
    return 0;
  } catch (error) {
    const e = error as Error & { code?: string };
    if (e.name === 'DatasetRefusedError' || e.name === 'SchemaError' || e.name === 'DatasetArgumentError') console.error(e.message);
    else if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND') console.error(`Impossible de joindre la base PostgreSQL (${e.code}) : vérifiez l’adresse donnée.`);
    else if (e.code === '3D000') console.error('Cette base n’existe pas sur le serveur : créez-la (createdb …) et démarrez le cms une fois dessus.');
    else if (e.code === '28P01' || e.code === '28000') console.error('Connexion à la base refusée : vérifiez l’utilisateur et le mot de passe.');
    else console.error(`Échec de la génération, rien n’a été écrit : ${e.message}`);
    return 1;
  } finally {
    await knex.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../database/paths';
import { adminLogin, getJson, login, userOfRole } from './accounts';
import { buildCampaign, importReferential } from './admin-ops';
import { BENCH_ADMIN, benchSecrets, bootOnce, compileCms, startCms, type CmsEnvironment, type RunningCms } from './cms-process';
import { createBenchDatabase, sqlClient } from './database';
import { dashboardTiming, ensureFrontBuild, initialJavaScript } from './front-metrics';
import { load } from './load';
import { naiveProgress } from './naive-progress';
import { readOptions } from './options';
import { renderReport, TARGETS, type BenchResults } from './report';
import { measureInbox } from './inbox';
import { measureServicePage, pickService } from './service-page';
import { captureProgressSql, explainAll, explainText } from './sql-floor';
import { repeat } from './load';
import { measureMailBacklog } from './mail-backlog';
import { measureMystery } from './mystery';
import { measureTransitions } from './transitions';
import { LIGHTHOUSE_HEADING, sectionOf, withSection } from './results-sections';

const log = (line: string) => console.log(`[bench] ${line}`);

/** Without an empty-route figure (its measure failed), the transitions are paced at the town's own target. */
const FALLBACK_TRANSITION_RATE = 150;

interface ProgressBody {
  data: { service: { slug: string }; conformityRate: number | null; evaluations: { total: number } }[];
  meta: { campaign: { documentId: string } | null };
}

async function datasetCounts(sql: import('pg').Client): Promise<Record<string, number>> {
  const tables: [string, string][] = [
    ['services', 'services'],
    ['engagements', 'criteria'],
    ['campagnes', 'campaigns'],
    ['évaluations', 'evaluations'],
    ['actions de feuille de route', 'roadmap_actions'],
    ['mesures', 'measures'],
    ['réclamations', 'complaints'],
    ['utilisateurs', 'up_users'],
    ['événements d’historique', 'workflow_events'],
    ['tests mystères', 'mystery_tests'],
  ];
  const counts: Record<string, number> = {};
  for (const [label, table] of tables) counts[label] = Number((await sql.query(`select count(*) from ${table}`)).rows[0].count);
  return counts;
}

/** Runs one part of the bench; a failure is reported in the results and the next part still runs. */
async function part(results: BenchResults, cms: RunningCms | undefined, name: string, run: () => Promise<void>) {
  log(name);
  try {
    await run();
  } catch (error) {
    console.error(error);
    results.notes.push(`${name} : échec — ${(error as Error).message.split('\n')[0]}`);
  }
  if (cms) results.rssByPart.push({ part: name, peak: cms.peakRss() });
}

async function main() {
  const options = readOptions();
  const started = Date.now();
  await compileCms(log);
  ensureFrontBuild(log);

  const database = await createBenchDatabase(options.serverUrl);
  log(`Base ${database.name} sur ${new URL(options.serverUrl).host}`);
  const env: CmsEnvironment = { databaseUrl: database.url, secrets: benchSecrets() };
  const sql = await sqlClient(database.url);
  let cms: RunningCms | undefined;
  const results: BenchResults = {
    date: new Date().toISOString(),
    postgres: (await sql.query('select version()')).rows[0].version.split(' on ')[0],
    dataset: {},
    datasetSource: '',
    options: { duration: options.duration, connections: options.connections, quick: options.quick, parts: [...options.parts] },
    load: { before: os.loadavg() },
    slowPlans: [],
    rssByPart: [],
    notes: [],
  };
  try {
    const generator = path.join(repoRoot, 'database', 'generate-dataset.ts');
    if (fs.existsSync(generator)) {
      log('Premier démarrage (schéma, rôles), sans la ville de démonstration');
      await bootOnce({ ...env, extra: { CHARTE_DEMO: 'off' } });
      const args = ['tsx', generator, '--database-url', database.url, ...options.datasetArgs];
      log(`Génération des données : npx ${args.join(' ')}`);
      const t = Date.now();
      const gen = spawnSync('npx', args, { cwd: repoRoot, stdio: 'inherit' });
      if (gen.status !== 0) throw new Error(`Le générateur de données a échoué (code ${gen.status}).`);
      results.datasetSource = `générateur (${options.datasetArgs.join(' ')}), ${((Date.now() - t) / 1000).toFixed(0)} s`;
    } else {
      log('Générateur absent (database/generate-dataset.ts) : ville de démonstration');
      await bootOnce(env);
      results.datasetSource = 'ville de démonstration (générateur absent)';
      results.notes.push('Le générateur de données n’était pas disponible : mesures sur la ville de démonstration.');
    }
    // As after any bulk load (pg_restore…): otherwise autovacuum visits the 700,000 fresh rows
    // during the measures, and the checkpointer writes them out under the load (every commit's
    // fsync then waits behind it). The measures start from a database at rest.
    log('VACUUM ANALYZE et CHECKPOINT après la génération');
    await sql.query('vacuum analyze');
    await sql.query('checkpoint');
    results.dataset = await datasetCounts(sql);
    log(`Données : ${JSON.stringify(results.dataset)}`);

    let explained: Awaited<ReturnType<typeof explainAll>> = [];
    if (options.parts.has('a')) {
      log('Capture du SQL de GET /api/progress et EXPLAIN ANALYZE');
      const captured = await captureProgressSql(env);
      explained = await explainAll(sql, captured);
      // Plans now, on the generator's data: the parts below change states and add a 10,000-evaluation campaign.
      const slowest = captured
        .map((q, i) => ({ q, ms: explained[i].execution, i }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 2);
      for (const s of slowest) results.slowPlans.push({ title: `GET /api/progress, requête ${s.i + 1}`, ms: s.ms, plan: await explainText(sql, s.q) });
    }

    log('Démarrage du cms (production, processus séparé)');
    cms = await startCms(env);
    results.nodeArgs = cms.nodeArgs;
    const base = cms.url;
    const dgs = await login(base, await userOfRole(sql, 'dgs'));
    const referent = await login(base, await userOfRole(sql, 'referent-qualite'));
    const seconds = options.duration;
    const connections = options.connections;
    // The cms is restarted by part f: the empty route is read from whichever runs now.
    const health = () => `${cms!.url}/_health`;

    // The reference of every latency and throughput target: the machine's speed varies between runs
    // (≈ 3× on the same kind of machine), an empty route measured now moves with it.
    await part(results, cms, '0. Route vide (référence des objectifs)', async () => {
      await load({ url: health(), connections, duration: 1 });
      const health16 = await load({ url: health(), connections, duration: seconds });
      const health1 = await load({ url: health(), connections: 1, duration: seconds });
      results.reference = { health16, health1 };
    });

    if (options.parts.has('a')) await part(results, cms, 'a. GET /api/progress, méthode naïve, plancher', async () => {
      const first = await getJson<ProgressBody>(`${base}/api/progress`, dgs);
      const campaign = first.meta.campaign?.documentId;
      if (!campaign) throw new Error('Aucune campagne.');
      const url = `${base}/api/progress`;
      const headers = { authorization: `Bearer ${dgs}` };
      await load({ url, connections, duration: 1, headers });
      const endpoint16 = await load({ url, connections, duration: seconds, headers });
      const endpoint1 = await load({ url, connections: 1, duration: seconds, headers });
      const naive = await naiveProgress(base, dgs, campaign);
      const bySlug = new Map(naive.map((n) => [n.slug, n]));
      const mismatches = first.data.filter((d) => {
        const n = bySlug.get(d.service.slug);
        return (n?.total ?? 0) !== d.evaluations.total || (n?.rate ?? null) !== d.conformityRate;
      });
      const naiveMatches = mismatches.length
        ? `${mismatches.length} service(s) sur ${first.data.length} diffèrent entre l’endpoint et le calcul naïf (${mismatches.slice(0, 3).map((m) => m.service.slug).join(', ')})`
        : `mêmes taux et mêmes totaux pour les ${first.data.length} services`;
      const naiveSequential = await repeat(() => naiveProgress(base, dgs, campaign).then(() => undefined), 1, seconds);
      const workers = 4;
      const naiveConcurrent = { ...(await repeat(() => naiveProgress(base, dgs, campaign).then(() => undefined), workers, seconds)), workers };
      results.progress = {
        endpoint16,
        endpoint1,
        naiveSequential,
        naiveConcurrent,
        naiveMatches,
        sql: explained,
        evaluations: first.data.reduce((n, d) => n + d.evaluations.total, 0),
      };
    });

    if (options.parts.has('b')) await part(results, cms, 'b. Page d’un service', async () => {
      const target = await pickService(sql);
      const token = target.headEmail ? await login(base, target.headEmail) : dgs;
      results.servicePage = { ...(await measureServicePage(base, token, target, seconds, connections)), target };
      const accounts = [
        { who: 'référent qualité', token: referent },
        { who: 'DGS', token: dgs },
        ...(target.headEmail ? [{ who: `chef de service (${target.slug})`, token }] : []),
      ];
      results.inbox = await measureInbox(base, sql, accounts, seconds, connections);
    });

    // Before the transitions and the campaign build: on the generator's data as it is.
    if (options.parts.has('g')) await part(results, cms, 'g. Tests mystères', async () => {
      results.mystery = await measureMystery(base, sql, referent, (email) => login(base, email), seconds, connections);
    });

    if (options.parts.has('e')) await part(results, cms, 'e. Interface web', async () => {
      results.initialJs = initialJavaScript();
      const expected = (await getJson<ProgressBody>(`${base}/api/progress`, dgs)).data.length;
      results.dashboard = await dashboardTiming(base, dgs, expected);
    });

    if (options.parts.has('c')) await part(results, cms, 'c. Transitions de workflow', async () => {
      results.transitions = {};
      // At the target's rate first (after a warm-up, as for GET /api/progress), then as fast as answered.
      // That rate is itself a share of the empty route's throughput: the latency is read at the same load on any machine.
      const reference = results.reference?.health16.throughput;
      const rate = reference ? Math.max(1, Math.round(TARGETS.transitionRate * reference)) : FALLBACK_TRANSITION_RATE;
      if (!reference) results.notes.push(`Route vide non mesurée : transitions cadencées à ${FALLBACK_TRANSITION_RATE}/s, l’objectif de la commune.`);
      const paced = { seconds, connections, rate, warmUpSeconds: 2 };
      results.transitions.paced = await measureTransitions(base, dgs, sql, { action: 'approve', from: 'validated', to: 'approved' }, paced);
      // Half the drafts at most: part f submits drafts too.
      results.transitions.saturated = await measureTransitions(base, referent, sql, { action: 'submit', from: 'draft', to: 'submitted' }, { seconds, connections, share: [0, 0.5] });
    });

    if (options.parts.has('d')) await part(results, cms, 'd. Import d’un référentiel et création d’une campagne', async () => {
      const admin = await adminLogin(base, BENCH_ADMIN.email, BENCH_ADMIN.password);
      results.importRef = await importReferential(base, admin, 1000);
      results.build = await buildCampaign(base, admin, sql, 10000);
    });

    if (options.parts.has('f')) await part(results, cms, 'f. Courriels en attente pendant une panne SMTP', async () => {
      // Its own cms, whose SMTP server is down; the main one is stopped meanwhile.
      await cms!.stop();
      const reference = results.reference?.health16.throughput;
      const rate = reference ? Math.max(1, Math.round(TARGETS.transitionRate * reference)) : FALLBACK_TRANSITION_RATE;
      results.mailBacklog = await measureMailBacklog(env, sql, {
        seconds,
        connections,
        rate,
        pending: options.quick ? 10_000 : 100_000,
        token: async (backlogCms) => login(backlogCms.url, await userOfRole(sql, 'referent-qualite')),
      });
      cms = await startCms(env);
    });

    // The same empty route once more, for information: a machine that changed speed during the run shows here.
    await part(results, undefined, 'Route vide, à la fin', async () => {
      results.referenceEnd = await load({ url: health(), connections, duration: seconds });
    });

    results.peakRss = cms.peakRss();
    results.load.after = os.loadavg();
    await cms.stop();
    cms = undefined;
  } finally {
    await cms?.stop();
    await sql.end();
    if (options.keep) log(`Base conservée : ${database.url}`);
    else await database.drop();
  }

  results.notes.push(`Durée totale du banc : ${((Date.now() - started) / 1000).toFixed(0)} s. Journal du cms au niveau « ${process.env.BENCH_LOG_LEVEL ?? 'warn'} » (BENCH_LOG_LEVEL) : sans une ligne par requête sur la console.`);
  const report = renderReport(results);
  const file = path.resolve(repoRoot, options.resultsFile);
  // The Lighthouse scores (npm run lighthouse) live in the same file: kept as they were.
  fs.writeFileSync(file, withSection(`${report}\n`, LIGHTHOUSE_HEADING, sectionOf(file, LIGHTHOUSE_HEADING)));
  console.log(`\n${report}`);
  log(`Rapport écrit dans ${path.relative(repoRoot, file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

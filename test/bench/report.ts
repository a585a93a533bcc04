import os from 'node:os';
import type { BuildResult, ImportResult } from './admin-ops';
import type { DashboardTiming, InitialJs } from './front-metrics';
import type { InboxCall } from './inbox';
import type { LoadResult } from './load';
import type { ServicePageResult, PageTarget } from './service-page';
import type { ExplainedQuery } from './sql-floor';
import type { MailBacklogResult } from './mail-backlog';
import type { MysteryResult } from './mystery';
import type { LatencySummary } from './stats';
import type { TransitionResult } from './transitions';

/**
 * Every latency and throughput target, as a multiple of the empty route (`/_health`, same stack of
 * middlewares, 16 connections) measured in the same run: the machine's speed varies ≈ 3× between
 * runs on the same kind of machine (8,009 then 2,373 empty requests per second), and absolute
 * targets then turn red or green with it. The factors keep the town's targets as they read on the
 * reference run (test/bench/RESULTS.md of 23 Nov. 2026: empty route p95 4.5 ms, 8,009 req/s):
 * 50 ms ≈ 11 ×, 100 ms ≈ 22 ×, 1.5 s ≈ 330 ×, 5 s ≈ 1,100 ×, 10 s ≈ 2,200 × its p95; 150 transitions/s ≈ 0.02 × its throughput.
 */
export const TARGETS = {
  /** GET /api/progress p95, 16 connections: ≤ factor × empty-route p95. */
  progressP95: 11,
  /** Slowest call of the service page, p95 at 16 connections. */
  servicePageCallP95: 22,
  /** The whole service page, p95 for one user. */
  servicePageP95: 22,
  /** Transitions p95 at the paced rate below, and in saturation. */
  transitionP95: 11,
  /** Paced rate of the transitions, and the least saturated throughput: ≥ factor × empty-route throughput. */
  transitionRate: 0.02,
  /** Import of a 1,000-criterion référentiel, in ms: ≤ factor × empty-route p95. */
  importDuration: 1100,
  /** Build of a 10,000-evaluation campaign. */
  buildDuration: 2200,
  /** Dashboard shown in Chromium (median). */
  dashboard: 330,
  /** One poll of the mail worker (pg-boss's fetch) with 100,000 mails waiting: 20 ms on the reference run. */
  mailPollP95: 4.4,
  /** Transitions p95 with that backlog, against the same measure without it (a ratio of two figures of this run). */
  backlogTransitionRatio: 2,
  /** Each call of the « Tests mystères » page, p95 at 16 connections: as a call of the service page. */
  mysteryCallP95: 22,
  /** The .xlsx export of a wave's figures, p95 at 16 connections: as the dashboard shown. */
  mysteryExportP95: 330,
} as const;

export interface BenchResults {
  date: string;
  postgres: string;
  dataset: Record<string, number>;
  datasetSource: string;
  options: { duration: number; connections: number; quick: boolean; parts?: string[] };
  /** The empty route measured before the parts: the unit of every latency and throughput target. */
  reference?: { health16: LoadResult; health1: LoadResult };
  /** The same empty route at 16 connections after the parts, for information (drift of the machine's speed). */
  referenceEnd?: LoadResult;
  /** Node's flags for the cms (the Dockerfile's NODE_OPTIONS, plus BENCH_NODE_ARGS). */
  nodeArgs?: string[];
  /** os.loadavg() before and after: other work on the machine skews every figure. */
  load: { before: number[]; after?: number[] };
  progress?: {
    endpoint16: LoadResult;
    endpoint1: LoadResult;
    naiveSequential: LatencySummary & { throughput: number };
    naiveConcurrent: LatencySummary & { throughput: number; workers: number };
    naiveMatches: string;
    sql: ExplainedQuery[];
    evaluations: number;
  };
  servicePage?: ServicePageResult & { target: PageTarget };
  /** GET /api/workflow/inbox for the largest inboxes (part b). */
  inbox?: InboxCall[];
  /** At the target's rate, evenly spaced (the latency target), and as fast as answered (the throughput). */
  transitions?: { paced?: TransitionResult; saturated?: TransitionResult };
  importRef?: ImportResult;
  build?: BuildResult;
  initialJs?: InitialJs;
  dashboard?: DashboardTiming;
  mailBacklog?: MailBacklogResult;
  /** Part g: the « Tests mystères » page's calls with the generator's results. */
  mystery?: MysteryResult;
  peakRss?: number;
  slowPlans: { title: string; ms: number; plan: string }[];
  /** Peak RSS of the cms so far, after each part (bytes). */
  rssByPart: { part: string; peak: number }[];
  notes: string[];
}

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
const rate = (v: number) => `${v.toFixed(0)} req/s`;
const x = (v: number) => `${v.toFixed(1)}×`;
/** Ratios below 1 (a throughput against the empty route's) need more digits. */
const x2 = (v: number) => `${v.toFixed(v < 0.1 ? 3 : 2)}×`;
const mark = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? '✅' : '❌');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} Ko`;

/** The floor of GET /api/progress: its SQL's execution time (EXPLAIN ANALYZE, sum of its statements) plus an empty route's latency. */
export function floorOf(p: NonNullable<BenchResults['progress']>, reference: NonNullable<BenchResults['reference']>, connections: 1 | 16) {
  const sql = p.sql.reduce((n, q) => n + q.execution, 0);
  const health = connections === 1 ? reference.health1.p50 : reference.health16.p50;
  return { sql, health, floor: sql + health };
}

/** A target checked against the empty route of the same run: its verdict, and the text of the table's columns. */
interface RatioCheck {
  ratio: string;
  goal: string;
  ok: boolean | undefined;
}

/** `value` (ms) ≤ factor × the empty route's p95 at 16 connections. */
export function latencyTarget(value: number, factor: number, reference: BenchResults['reference']): RatioCheck {
  const unit = reference?.health16.p95;
  if (!unit) return { ratio: '—', goal: `≤ ${factor}× p95 route vide (non mesurée)`, ok: undefined };
  return { ratio: x(value / unit), goal: `≤ ${factor}× p95 route vide (${ms(factor * unit)})`, ok: value <= factor * unit };
}

/** `perSecond` ≥ factor × the empty route's throughput at 16 connections. */
export function throughputTarget(perSecond: number, factor: number, reference: BenchResults['reference']): RatioCheck {
  const unit = reference?.health16.throughput;
  if (!unit) return { ratio: '—', goal: `≥ ${factor}× débit route vide (non mesuré)`, ok: undefined };
  return { ratio: x2(perSecond / unit), goal: `≥ ${factor}× débit route vide (${(factor * unit).toFixed(0)} /s)`, ok: perSecond >= factor * unit };
}

export function renderReport(r: BenchResults): string {
  const cpus = os.cpus();
  const lines: string[] = [];
  const rows: [string, string, string, string, string][] = [];
  /** A row of the table: the absolute figure, its ratio to the empty route (— when it has none), the target, the verdict. */
  const target = (name: string, value: string, ratio: string, goal: string, ok: boolean | undefined) => rows.push([name, value, ratio, goal, mark(ok)]);
  const ref = r.reference;
  const info = (name: string, value: number, unit: 'latency' | 'throughput', text: string) =>
    target(name, text, ref ? (unit === 'latency' ? x(value / ref.health16.p95) : x2(value / ref.health16.throughput)) : '—', '—', undefined);
  const checked = (name: string, text: string, check: RatioCheck, alsoOk = true) => target(name, text, check.ratio, check.goal, check.ok === undefined ? undefined : check.ok && alsoOk);

  if (ref) {
    target('Route vide (/_health) p95, 16 connexions — unité des latences', ms(ref.health16.p95), '1×', '—', undefined);
    target('Route vide (/_health) débit, 16 connexions — unité des débits', rate(ref.health16.throughput), '1×', '—', undefined);
  }
  const p = r.progress;
  if (p) {
    info('a. GET /api/progress p50 (16 connexions)', p.endpoint16.p50, 'latency', ms(p.endpoint16.p50));
    checked('a. GET /api/progress p95 (16 connexions)', ms(p.endpoint16.p95), latencyTarget(p.endpoint16.p95, TARGETS.progressP95, ref));
    info('a. GET /api/progress débit (16 connexions)', p.endpoint16.throughput, 'throughput', rate(p.endpoint16.throughput));
    const ratio = p.naiveSequential.p50 / p.endpoint1.p50;
    target('a. Rapport méthode naïve / endpoint (p50, 1 client)', x(ratio), '—', '≥ 20×', ratio >= 20);
    const ratioLoad = p.endpoint16.throughput / p.naiveConcurrent.throughput;
    target(`a. Rapport de débit endpoint / naïf (16 conn. vs ${p.naiveConcurrent.workers} clients)`, x(ratioLoad), '—', '≥ 20×', ratioLoad >= 20);
    if (ref) {
      const toFloor = p.endpoint1.p50 / floorOf(p, ref, 1).floor;
      target('a. Rapport endpoint / plancher (p50, 1 connexion)', x(toFloor), '—', '≤ 3×', toFloor <= 3);
    }
  }
  const s = r.servicePage;
  if (s) {
    const worst = Math.max(...s.calls.map((c) => c.result.p95));
    checked('b. Page service : p95 de l’appel le plus lent (16 connexions)', ms(worst), latencyTarget(worst, TARGETS.servicePageCallP95, ref));
    checked('b. Page service complète p95 (1 utilisateur)', ms(s.pageSequential.p95), latencyTarget(s.pageSequential.p95, TARGETS.servicePageP95, ref));
    info(`b. Page service complète p95 (${s.pageConcurrent.users} utilisateurs simultanés)`, s.pageConcurrent.p95, 'latency', ms(s.pageConcurrent.p95));
  }
  if (r.inbox?.length) {
    const worst = Math.max(...r.inbox.map((c) => c.result.p95));
    checked('b. « À traiter » : p95 du rôle le plus chargé (16 connexions)', ms(worst), latencyTarget(worst, TARGETS.servicePageCallP95, ref));
  }
  const { paced, saturated } = r.transitions ?? {};
  if (paced) {
    const all = paced.ok === paced.load.count;
    checked(`c. Transitions p95 à ${paced.rate}/s réguliers (${paced.connections} connexions)`, ms(paced.load.p95), latencyTarget(paced.load.p95, TARGETS.transitionP95, ref), all);
    target(`c. Transitions à ${paced.rate}/s : réponses 200 et événements d’historique`, `${paced.ok} / ${paced.load.count} ; ${paced.events} = ${paced.moved}`, '—', 'toutes, égalité', all && paced.events === paced.moved && paced.events === paced.ok);
  }
  if (saturated) {
    const tps = saturated.ok / saturated.load.seconds;
    checked(`c. Transitions réussies par seconde en saturation (${saturated.connections} connexions)`, `${tps.toFixed(0)} /s`, throughputTarget(tps, TARGETS.transitionRate, ref));
    checked(`c. Transitions p95 en saturation (${saturated.connections} connexions)`, ms(saturated.load.p95), latencyTarget(saturated.load.p95, TARGETS.transitionP95, ref));
    // Requests still in flight when autocannon stops are committed by the server but not counted as 200: at most one per connection.
    target(
      'c. Saturation : événements d’historique = documents passés (et 200 reçus)',
      `${saturated.events} = ${saturated.moved} (${saturated.ok} × 200)`,
      '—',
      'égalité',
      saturated.events === saturated.moved && saturated.events >= saturated.ok && saturated.events - saturated.ok <= saturated.connections,
    );
  }
  if (r.importRef) checked(`d. Import d’un référentiel de ${r.importRef.criteria} engagements (xlsx, panneau)`, ms(r.importRef.ms), latencyTarget(r.importRef.ms, TARGETS.importDuration, ref));
  if (r.build) {
    checked(`d. Création d’une campagne de ${r.build.total} évaluations`, ms(r.build.ms), latencyTarget(r.build.ms, TARGETS.buildDuration, ref), r.build.inDatabase === r.build.total);
  }
  if (r.initialJs) target('e. JavaScript initial (gzip -9)', kb(r.initialJs.gzip), '—', '≤ 250 Ko', r.initialJs.gzip <= 250 * 1024);
  if (r.dashboard) checked(`e. Tableau de bord affiché (médiane de ${r.dashboard.runs.length}, Chromium headless)`, ms(r.dashboard.median), latencyTarget(r.dashboard.median, TARGETS.dashboard, ref));
  const m = r.mailBacklog;
  if (m) {
    const n = m.pending.toLocaleString('fr-FR');
    checked(`f. Une lecture de la file des courriels, ${n} en attente (p95)`, ms(m.pollBacklog.p95), latencyTarget(m.pollBacklog.p95, TARGETS.mailPollP95, ref));
    const slowdown = m.transitionsBacklog.load.p95 / m.transitionsEmpty.load.p95;
    target(
      `f. Transitions p95 à ${m.transitionsBacklog.rate}/s avec ${n} courriels en attente / sans`,
      `${ms(m.transitionsBacklog.load.p95)} / ${ms(m.transitionsEmpty.load.p95)}`,
      x(slowdown),
      `≤ ${TARGETS.backlogTransitionRatio}×`,
      slowdown <= TARGETS.backlogTransitionRatio && m.transitionsBacklog.ok === m.transitionsBacklog.load.count,
    );
    const r2 = m.recovery;
    target(
      'f. Reprise du serveur SMTP : débit des envois, doublons',
      `${r2.perSecond.toFixed(1)} /s, ${r2.received - r2.distinct} doublon(s) sur ${r2.received}`,
      '—',
      `≤ ${r2.bound} /s (MAIL_BATCH_SIZE ÷ MAIL_POLL_SECONDS), aucun doublon`,
      r2.received > 0 && r2.perSecond <= r2.bound * 1.05 && r2.received === r2.distinct,
    );
  }
  const g = r.mystery;
  if (g) {
    for (const c of g.calls) {
      const factor = c.name.includes('export') ? TARGETS.mysteryExportP95 : TARGETS.mysteryCallP95;
      checked(`g. ${c.name}, ${c.who}, p95 (16 connexions)`, ms(c.result.p95), latencyTarget(c.result.p95, factor, ref));
    }
  }
  if (r.peakRss !== undefined) target('Pic de mémoire résidente du cms (VmRSS)', `${(r.peakRss / 1024 / 1024).toFixed(0)} Mo`, '—', '≤ 600 Mo', r.peakRss <= 600 * 1024 * 1024);

  lines.push('# Banc d’essai de performance (`npm run bench`)', '');
  lines.push('## Machine et données', '');
  lines.push(`- Date : ${r.date}`);
  lines.push(`- Processeur : ${cpus[0]?.model ?? 'inconnu'} × ${cpus.length} cœurs (os.cpus())`);
  lines.push(`- Mémoire : ${(os.totalmem() / 1024 ** 3).toFixed(1)} Go`);
  lines.push(`- Node ${process.version}, ${r.postgres}`);
  lines.push(`- Données : ${r.datasetSource} — ${Object.entries(r.dataset).map(([k, v]) => `${v.toLocaleString('fr-FR')} ${k}`).join(', ')}`);
  const avg = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');
  lines.push(`- Charge de la machine (load average 1/5/15 min) : ${avg(r.load.before)} au départ${r.load.after ? `, ${avg(r.load.after)} à la fin` : ''} — au-delà de ~0,5 au départ, d’autres travaux partageaient les 2 cœurs.`);
  lines.push(`- Charge : autocannon 8.0.0 en boucle locale, ${r.options.connections} connexions, ${r.options.duration} s par mesure ; cms compilé, NODE_ENV=production, processus séparé${r.nodeArgs?.length ? `, \`node ${r.nodeArgs.join(' ')}\` (NODE_OPTIONS du Dockerfile)` : ''}.`);
  if (r.options.parts && r.options.parts.length < 7) lines.push(`- Parties mesurées : ${r.options.parts.join(', ')} (\`--parts\`) ; les autres n’ont pas tourné.`);
  lines.push('');
  lines.push('## Résultats et objectifs', '');
  lines.push(
    'Chaque objectif de latence ou de débit est un **multiple de la route vide** (`/_health`, 16 connexions) mesurée au début de ce même banc : '
      + 'la vitesse de la machine varie d’environ 3× d’un banc à l’autre (8 009 puis 2 373 requêtes vides par seconde sur deux machines du même type), '
      + 'et un objectif absolu passerait au rouge ou au vert avec elle. La colonne « × route vide » donne ce rapport (latence ÷ p95 de la route vide, '
      + 'débit ÷ débit de la route vide) ; entre parenthèses, la limite que l’objectif donne sur cette machine. '
      + 'Les facteurs reprennent les objectifs de la commune tels qu’ils se lisaient sur le banc de référence (route vide : p95 4.5 ms, 8 009 req/s) : '
      + '50 ms ≈ 11×, 100 ms ≈ 22×, 1,5 s ≈ 330×, 5 s ≈ 1 100×, 10 s ≈ 2 200× ; 150 transitions/s ≈ 0.02× du débit. Voir docs/performance.md.',
    '',
  );
  lines.push('| Mesure | Valeur | × route vide | Objectif | |', '|---|---|---|---|---|');
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  lines.push('');
  if (ref) {
    lines.push('## Route vide (référence des objectifs)', '');
    lines.push('| | p50 | p95 | débit |', '|---|---|---|---|');
    lines.push(`| Route vide (/_health), 16 connexions, avant les mesures | ${ms(ref.health16.p50)} | ${ms(ref.health16.p95)} | ${rate(ref.health16.throughput)} |`);
    lines.push(`| Route vide (/_health), 1 connexion, avant les mesures | ${ms(ref.health1.p50)} | ${ms(ref.health1.p95)} | ${rate(ref.health1.throughput)} |`);
    if (r.referenceEnd) lines.push(`| Route vide (/_health), 16 connexions, après les mesures (pour information) | ${ms(r.referenceEnd.p50)} | ${ms(r.referenceEnd.p95)} | ${rate(r.referenceEnd.throughput)} |`);
    lines.push('');
    lines.push(
      'La route vide traverse toute la pile de middlewares de Strapi (journal, sécurité, corps, session…) sans rien lire en base : ce qu’elle coûte, '
        + 'chaque requête le coûte, et elle ralentit avec la machine. Les objectifs sont vérifiés contre la mesure d’avant ; celle d’après dit si la machine '
        + 'a changé de vitesse en cours de banc (d’autres travaux sur ses 2 cœurs).',
      '',
    );
  }

  if (p && ref) {
    const f1 = floorOf(p, ref, 1);
    const f16 = floorOf(p, ref, 16);
    lines.push(`## a. Avancement : endpoint, méthode naïve et plancher (${p.evaluations.toLocaleString('fr-FR')} évaluations dans la campagne)`, '');
    lines.push('| | p50 | p95 | débit |', '|---|---|---|---|');
    lines.push(`| GET /api/progress, 16 connexions | ${ms(p.endpoint16.p50)} | ${ms(p.endpoint16.p95)} | ${rate(p.endpoint16.throughput)} |`);
    lines.push(`| GET /api/progress, 1 connexion | ${ms(p.endpoint1.p50)} | ${ms(p.endpoint1.p95)} | ${rate(p.endpoint1.throughput)} |`);
    lines.push(`| Méthode naïve (pages de 100 via GET /api/evaluations + agrégat Node), 1 client | ${ms(p.naiveSequential.p50)} | ${ms(p.naiveSequential.p95)} | ${p.naiveSequential.throughput.toFixed(2)} calculs/s |`);
    lines.push(`| Méthode naïve, ${p.naiveConcurrent.workers} clients simultanés | ${ms(p.naiveConcurrent.p50)} | ${ms(p.naiveConcurrent.p95)} | ${p.naiveConcurrent.throughput.toFixed(2)} calculs/s |`);
    lines.push(`| Route vide (/_health), 16 connexions | ${ms(ref.health16.p50)} | ${ms(ref.health16.p95)} | ${rate(ref.health16.throughput)} |`);
    lines.push(`| Route vide (/_health), 1 connexion | ${ms(ref.health1.p50)} | ${ms(ref.health1.p95)} | ${rate(ref.health1.throughput)} |`);
    lines.push('');
    lines.push(`**Plancher** = temps d’exécution du SQL que l’endpoint exécute quand il calcule (somme de ses ${p.sql.length} requêtes, médiane de 5 \`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON)\` chacune, après un tour d’échauffement, cache des chiffres vidé) + latence p50 d’une route vide de Strapi (\`/_health\`, même pile de middlewares). Sous charge, l’endpoint ne recalcule que si les données ont changé (numéro de version, voir docs/performance.md) : il peut donc descendre sous ce plancher. `
      + `À 1 connexion : ${ms(f1.sql)} + ${ms(f1.health)} = **${ms(f1.floor)}** ; l’endpoint y répond en ${ms(p.endpoint1.p50)} (p50), soit **${x(p.endpoint1.p50 / f1.floor)}** le plancher. `
      + `À 16 connexions, l’attente en file domine les deux mesures (2 cœurs partagés par le cms, PostgreSQL et autocannon) : ${ms(p.endpoint16.p50)} contre ${ms(f16.floor)} (${x(p.endpoint16.p50 / f16.floor)}), chiffre donné pour information.`);
    lines.push('');
    lines.push(`Rapports endpoint / naïf : latence p50 à 1 client **${x(p.naiveSequential.p50 / p.endpoint1.p50)}**, débit **${x(p.endpoint16.throughput / p.naiveConcurrent.throughput)}**. La méthode naïve calcule moins que l’endpoint (ni campagne précédente, ni feuille de route) : ces rapports sont des minorants. Contrôle : ${p.naiveMatches}.`);
    lines.push('');
    lines.push('SQL capturé (événement « query » de knex pendant un appel de `progressOfServices(strapi, null)`, la fonction de GET /api/progress pour un DGS, dans un cms chargé sans HTTP sur la même base) :', '');
    lines.push('| # | exécution | planification | requête |', '|---|---|---|---|');
    p.sql.forEach((q, i) => lines.push(`| ${i + 1} | ${ms(q.execution)} | ${ms(q.planning)} | \`${q.sql.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 160)}…\` |`));
    lines.push('');
  }
  if (s) {
    lines.push(`## b. Page d’un service (« ${s.target.slug} », ${s.target.evaluations} évaluations dans la dernière campagne, compte du chef de service ${s.target.headEmail ?? '—'})`, '');
    lines.push('| Appel (front/src/features/services) | p50 | p95 | débit (16 connexions) |', '|---|---|---|---|');
    for (const c of s.calls) lines.push(`| ${c.name} | ${ms(c.result.p50)} | ${ms(c.result.p95)} | ${rate(c.result.throughput)} |`);
    lines.push(`| **Page complète, 1 utilisateur** (appels en parallèle comme le navigateur, évaluations après les thèmes) | ${ms(s.pageSequential.p50)} | ${ms(s.pageSequential.p95)} | ${s.pageSequential.throughput.toFixed(1)} pages/s |`);
    lines.push(`| **Page complète, ${s.pageConcurrent.users} utilisateurs** | ${ms(s.pageConcurrent.p50)} | ${ms(s.pageConcurrent.p95)} | ${s.pageConcurrent.throughput.toFixed(1)} pages/s |`);
    lines.push('');
  }
  if (r.inbox?.length) {
    lines.push('## b. « À traiter » (GET /api/workflow/inbox, tous les groupes, 20 documents par groupe)', '');
    lines.push(
      '| Compte | requête | documents dans la boîte | documents sur la page | p50 | p95 | débit (16 connexions) | premier appel après une écriture (1 connexion, médiane) |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const c of r.inbox) {
      const recompute = c.afterWrite ? ms(c.afterWrite.median) : '—';
      lines.push(`| ${c.who} | \`${c.query || '(aucune)'}\` | ${c.total.toLocaleString('fr-FR')} | ${c.items} | ${ms(c.result.p50)} | ${ms(c.result.p95)} | ${rate(c.result.throughput)} | ${recompute} |`);
    }
    lines.push('');
    lines.push(
      'La réponse est gardée, par appelant (compte, rôle, services), requête et jour, sous un numéro de version que toute écriture validée d’un type du circuit, '
        + 'de ses liens, de l’historique, d’un service, d’un engagement ou d’un indicateur incrémente (comme les chiffres de GET /api/progress) : sous charge, rien n’écrit, '
        + 'et seul le premier appel calcule. La dernière colonne mesure ce calcul : version incrémentée comme par une écriture, puis un appel (médiane de 5).',
      '',
    );
  }
  if (paced || saturated) {
    lines.push('## c. Transitions de workflow', '');
    lines.push(
      'Chaque requête porte sur une évaluation différente : chacune est une vraie transition (mise à jour conditionnelle de l’état, événement d’historique, '
        + 'entrée du journal des modifications et courriels à envoyer, en une instruction SQL ; le relais de la boîte d’envoi en fait ensuite les travaux de courriel). Deux mesures :',
      '',
    );
    const describe = (t: TransitionResult, who: string) =>
      `\`${t.action}\` (${t.from} → ${t.to}, ${t.documents.toLocaleString('fr-FR')} évaluations disponibles), compte ${who}, ${t.connections} connexions, ${t.load.seconds.toFixed(1)} s : `
      + `${t.ok} réponses 200, ${t.refused} autres (${JSON.stringify(t.load.statuses)}), ${t.load.errors} erreurs réseau ; p50 ${ms(t.load.p50)}, p95 ${ms(t.load.p95)}, p99 ${ms(t.load.p99)}, max ${ms(t.load.max)}. `
      + `Vérification SQL : ${t.events} événements « ${t.action} » écrits, ${t.moved} évaluations passées à « ${t.to} », ${t.mailJobs ?? '—'} travaux de courriel mis en file.`;
    if (paced) {
      lines.push(
        `- **Au débit de l’objectif** : ${paced.rate} requêtes par seconde (${TARGETS.transitionRate}× le débit de la route vide) régulièrement espacées (modèle ouvert, client undici à ${paced.connections} connexions ; `
          + `chaque latence court de l’instant prévu de l’envoi, attente d’une connexion libre comprise), après ${paced.warmedUp} transitions d’échauffement au même débit, non comptées. `
          + describe(paced, 'du DGS'),
      );
    }
    if (saturated) {
      lines.push(
        `- **En saturation** : chaque connexion renvoie dès sa réponse reçue (autocannon), chaque évaluation disponible une fois puis arrêt — le débit maximal. `
          + describe(saturated, 'du référent qualité'),
      );
    }
    const unit = ref?.health16.p95;
    const limit = unit ? TARGETS.transitionP95 * unit : undefined;
    lines.push(
      '',
      `L’objectif de la commune, « ≥ 150 transitions/s avec p95 ≤ 50 ms », devient ici « ≥ ${TARGETS.transitionRate}× le débit de la route vide avec p95 ≤ ${TARGETS.transitionP95}× son p95 » `
        + `(${paced?.rate ?? '—'} transitions/s et ${ms(limit)} sur cette machine) ; il se lit de deux façons, mesurées toutes deux : la latence à ce débit, et le débit et la latence en saturation. `
        + `En saturation, ${r.options.connections} requêtes sont toujours en attente : la latence moyenne y vaut ${r.options.connections} ÷ débit (loi de Little), `
        + (limit ? `si bien qu’un p95 ≤ ${ms(limit)} y demande plus de ${Math.ceil(r.options.connections / (limit / 1000))} transitions/s (latence moyenne de ${ms(limit)} à ce débit).` : 'ce qui lie le p95 au débit.'),
      '',
    );
  }
  if (r.importRef || r.build) {
    lines.push('## d. Import et création de campagne', '');
    if (r.importRef) lines.push(`- Import par le panneau (POST /charte-admin/referentials/import, classeur xlsx de ${kb(r.importRef.bytes)} écrit par cms/src/referential/write-workbook.ts) : ${ms(r.importRef.ms)} — ${JSON.stringify(r.importRef.report)}`);
    if (r.build) lines.push(`- « Nouvelle campagne » (POST /charte-admin/campaigns/builds puis suivi toutes les 100 ms) : ${ms(r.build.ms)} pour ${r.build.total} évaluations (${r.build.inDatabase} en base).`);
    lines.push('');
  }
  if (r.initialJs || r.dashboard) {
    lines.push('## e. Interface web', '');
    if (r.initialJs) lines.push(`- JavaScript initial (scripts et modulepreload de front/dist/index.html) : ${r.initialJs.files.map((f) => `${f.file} ${kb(f.bytes)} → ${kb(f.gzip)} gzip`).join(', ')}.`);
    if (r.dashboard) lines.push(`- Tableau de bord (${r.dashboard.cards} cartes de service, DGS, cache vide à chaque essai) : ${r.dashboard.runs.map((v) => ms(v)).join(', ')} ; médiane ${ms(r.dashboard.median)}.`);
    lines.push('');
  }
  if (m) {
    lines.push(`## f. Courriels en attente pendant une panne SMTP (${m.pending.toLocaleString('fr-FR')})`, '');
    lines.push(
      `Le serveur SMTP refuse toute connexion ; ${m.pending.toLocaleString('fr-FR')} travaux de courriel sont mis en file par pg-boss (comme le relais de la boîte d’envoi). `
        + `Lecture de la file : l’instruction de pg-boss qui prend les ${50} suivants (fetchNextJob), 30 fois, chacune annulée : `
        + `sans attente p50 ${ms(m.pollEmpty.p50)}, p95 ${ms(m.pollEmpty.p95)} ; avec p50 ${ms(m.pollBacklog.p50)}, p95 ${ms(m.pollBacklog.p95)}, max ${ms(m.pollBacklog.max)}. `
        + `Transitions \`submit\` à ${m.transitionsEmpty.rate}/s : sans attente p95 ${ms(m.transitionsEmpty.load.p95)}, avec p95 ${ms(m.transitionsBacklog.load.p95)}. `
        + `Puis le serveur revient : premier courriel reçu ${(m.recovery.firstAfterMs / 1000).toFixed(1)} s après (un essai toutes les 5 s, MAIL_PAUSE_SECONDS), `
        + `puis ${m.recovery.perSecond.toFixed(1)} courriels/s pendant ${m.recovery.seconds.toFixed(0)} s (borne ${m.recovery.bound}/s) ; ${m.recovery.received} reçus, ${m.recovery.distinct} Message-ID distincts.`,
      '',
    );
  }
  if (g) {
    lines.push(`## g. Tests mystères (${g.tests.toLocaleString('fr-FR')} tests, ${g.validated.toLocaleString('fr-FR')} validés ; vague affichée « ${g.wave} », ${g.waveValidated.toLocaleString('fr-FR')} résultats validés)`, '');
    lines.push('| Appel | compte | réponse | p50 | p95 | débit (16 connexions) |', '|---|---|---|---|---|---|');
    for (const c of g.calls) lines.push(`| ${c.name} | ${c.who} | ${c.size} | ${ms(c.result.p50)} | ${ms(c.result.p95)} | ${rate(c.result.throughput)} |`);
    lines.push('');
    lines.push(
      'Les chiffres se calculent en SQL (jsonb_each sur les résultats figés de la vague et de la précédente) et sont gardés, avec le classeur .xlsx, sous un numéro de version '
        + 'que toute écriture validée d’un test, d’une vague, d’une grille ou d’un service incrémente (comme ceux de GET /api/progress) : sous charge, rien n’écrit, '
        + 'et seul le premier appel calcule. La liste du testeur lit ses tests (500 au plus) et leurs grilles.',
      '',
    );
    if (g.afterWrite?.length) {
      lines.push(
        `Premier appel après une écriture (version incrémentée comme par une validation, 1 connexion, médiane de ${g.afterWrite[0].runs.length}) : `
          + g.afterWrite.map((a) => `${a.name} ${ms(a.median)} (${a.runs.map((v) => ms(v)).join(', ')})`).join(' ; ')
          + '.',
        '',
      );
    }
  }
  if (r.rssByPart.length) {
    lines.push('## Mémoire du cms', '');
    lines.push(`VmRSS du processus du cms lu toutes les 200 ms dans /proc/<pid>/status ; pic atteint à la fin de chaque partie : ${r.rssByPart.map((p) => `${p.part.split(' ')[0]} ${(p.peak / 1024 / 1024).toFixed(0)} Mo`).join(', ')}.`, '');
  }
  if (r.slowPlans.length) {
    lines.push('## Requêtes les plus lentes (EXPLAIN ANALYZE)', '');
    for (const plan of r.slowPlans) lines.push(`### ${plan.title} — ${ms(plan.ms)}`, '', '```', plan.plan, '```', '');
  }
  if (r.notes.length) lines.push('## Remarques', '', ...r.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

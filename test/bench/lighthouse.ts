import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../../database/paths';
import { DEMO_PASSWORD } from '../helpers/demo-accounts';
import { LIGHTHOUSE_HEADING, withSection } from './results-sections';

/**
 * `npm run lighthouse`: Lighthouse 12 (its default configuration, a mid-range phone on a slow 4G
 * link, simulated) on the public pages and the login page (every category, each ≥ 95 expected),
 * then on the staff pages of a signed-in DGS (accessibility ≥ 95). Against an app already started
 * with the demo town (`npm start`): LIGHTHOUSE_URL, http://localhost:1337 by default. Scores go to
 * their section of test/bench/RESULTS.md; the exit code says whether every target is met.
 * LIGHTHOUSE_RUNS (1 by default): runs per public page, the median performance run kept (Lighthouse's
 * own advice, its scores varying from run to run with the machine's load).
 */
const base = (process.env.LIGHTHOUSE_URL ?? 'http://localhost:1337').replace(/\/+$/, '');
const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 1) || 1);
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const resultsFile = path.join(repoRoot, 'test', 'bench', 'RESULTS.md');

const PUBLIC = ['/charte', '/resultats', '/vous-nous-avez-dit', '/accessibilite', '/reclamation', '/enquetes', '/connexion'];
const STAFF = [
  '/',
  '/a-traiter',
  '/feuille-de-route',
  '/feuille-de-route/nouvelle',
  '/exports',
  '/reclamations',
  '/indicateurs',
  '/enquetes/resultats',
  '/enquetes/nouvelle',
  '/journal',
  '/charte/gestion',
  '/charte/principes/nouveau',
  '/entretiens/nouveau',
  '/services/accueil-etat-civil',
  '/tests-mysteres',
  '/enquete-agents',
  '/certification',
  '/certification/constats',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const NAMES: Record<(typeof CATEGORIES)[number], string> = { performance: 'Performance', accessibility: 'Accessibilité', 'best-practices': 'Bonnes pratiques', seo: 'SEO' };
const TARGET = 95;
const LCP_TARGET_MS = 1500;

interface Measure {
  path: string;
  scores: Partial<Record<(typeof CATEGORIES)[number], number>>;
  lcpMs?: number;
  /** What cost points, for the reader of a score under target. */
  failing: string[];
}

/** What test/bench/lighthouse-run.mjs keeps of a report: the categories and the audits they weigh. */
interface Report {
  url: string;
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { score: number | null; displayValue?: string; numericValue?: number }>;
}

function measureOf(lhr: Report): Measure {
  const pathname = new URL(lhr.url).pathname;
  const scores: Measure['scores'] = {};
  const failing: string[] = [];
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    if (!category) continue;
    scores[id] = Math.round((category.score ?? 0) * 100);
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 0.9) failing.push(`${ref.id}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
    }
  }
  const lcp = lhr.audits['largest-contentful-paint']?.numericValue;
  return { path: pathname, scores, lcpMs: lcp === undefined ? undefined : Math.round(lcp), failing };
}

const median = <T>(items: T[], key: (t: T) => number) => [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)];

async function main() {
  try {
    const health = await fetch(`${base}/_health`);
    if (health.status !== 204) throw new Error(`statut ${health.status}`);
  } catch (error) {
    throw new Error(`L’application ne répond pas sur ${base} (${(error as Error).message}) : démarrez-la (npm start) ou donnez LIGHTHOUSE_URL.`, { cause: error });
  }
  // The front keeps its session as a JWT in localStorage: the runner writes this one there.
  const login = await fetch(`${base}/api/auth/local`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ identifier: 'dgs@demo.local', password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`Connexion du compte de démonstration dgs@demo.local refusée (${login.status}) : l’application a-t-elle la ville de démonstration ?`);
  const { jwt } = (await login.json()) as { jwt: string };
  const output = path.join(os.tmpdir(), `charte-lighthouse-${process.pid}.json`);
  const publicUrls = PUBLIC.flatMap((p) => Array.from({ length: runs }, () => `${base}${p}`));
  const request = { chromePath, publicUrls, staffUrls: STAFF.map((p) => `${base}${p}`), token: jwt, output };
  execFileSync(process.execPath, [path.join(__dirname, 'lighthouse-run.mjs'), JSON.stringify(request)], { stdio: ['ignore', 'inherit', 'inherit'] });
  const reports = JSON.parse(fs.readFileSync(output, 'utf8')) as Report[];
  fs.rmSync(output, { force: true });
  const measures = reports.map(measureOf);
  const publicMeasures = PUBLIC.map((p) => median(measures.slice(0, publicUrls.length).filter((m) => m.path === p), (m) => m.scores.performance ?? 0));
  const staffMeasures = measures.slice(publicUrls.length);
  for (const m of publicMeasures) console.log(`${m.path} : ${CATEGORIES.map((c) => `${NAMES[c]} ${m.scores[c]}`).join(', ')}, LCP ${m.lcpMs} ms`);
  for (const m of staffMeasures) console.log(`${m.path} : Accessibilité ${m.scores.accessibility}`);

  const ok = (score: number | undefined) => (score !== undefined && score >= TARGET ? '✅' : '❌');
  const lines = [
    LIGHTHOUSE_HEADING,
    '',
    `- Date : ${new Date().toISOString()} ; Lighthouse 12.2.3, configuration par défaut (téléphone, 4G lente et processeur ralenti ×4, simulés), ${chromePath} sans interface.`,
    `- Application : ${base} (ville de démonstration) ; ${runs} passage(s) par page publique, la médiane en performance retenue. Charge de la machine à la fin (1/5/15 min) : ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')} — les scores de performance baissent quand d’autres travaux partagent les 2 cœurs.`,
    `- Objectifs : ≥ ${TARGET} dans chaque catégorie sur les pages publiques et la connexion, LCP ≤ ${LCP_TARGET_MS / 1000} s ; ≥ ${TARGET} en accessibilité sur chaque page des agents (compte DGS connecté).`,
    '',
    '| Page publique | Performance | Accessibilité | Bonnes pratiques | SEO | LCP | |',
    '|---|---|---|---|---|---|---|',
    ...publicMeasures.map((m) => {
      const met = CATEGORIES.every((c) => (m.scores[c] ?? 0) >= TARGET) && (m.lcpMs ?? Infinity) <= LCP_TARGET_MS;
      return `| ${m.path} | ${CATEGORIES.map((c) => m.scores[c]).join(' | ')} | ${((m.lcpMs ?? 0) / 1000).toFixed(1).replace('.', ',')} s | ${met ? '✅' : '❌'} |`;
    }),
    '',
    '| Page des agents | Accessibilité | |',
    '|---|---|---|',
    ...staffMeasures.map((m) => `| ${m.path} | ${m.scores.accessibility} | ${ok(m.scores.accessibility)} |`),
    '',
  ];
  const misses = [...publicMeasures, ...staffMeasures].filter((m) => m.failing.length);
  if (misses.length) lines.push('Audits sous 0,9 (ce qui coûte des points) :', '', ...misses.map((m) => `- ${m.path} : ${m.failing.join(', ')}`), '');
  const section = lines.join('\n');
  const existing = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
  fs.writeFileSync(resultsFile, withSection(existing, LIGHTHOUSE_HEADING, section));
  console.log(`\n${section}\nÉcrit dans test/bench/RESULTS.md (section « Lighthouse »).`);

  const publicOk = publicMeasures.every((m) => CATEGORIES.every((c) => (m.scores[c] ?? 0) >= TARGET) && (m.lcpMs ?? Infinity) <= LCP_TARGET_MS);
  const staffOk = staffMeasures.every((m) => (m.scores.accessibility ?? 0) >= TARGET);
  if (!publicOk || !staffOk) process.exitCode = 1;
}

main().catch((error) => {
  console.error(process.env.LIGHTHOUSE_DEBUG ? error : (error as Error).message);
  process.exit(1);
});

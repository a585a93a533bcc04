import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { sourceFingerprint } from '../../database/build-stamp';
import { repoRoot } from '../../database/paths';
import { median } from './stats';

const front = (...parts: string[]) => path.join(repoRoot, 'front', ...parts);

/** front/dist as `npm start` would serve it: rebuilt (Vite, production) when a source changed. */
export function ensureFrontBuild(log: (line: string) => void): void {
  const stamp = front('dist', '.source-stamp');
  const print = sourceFingerprint([front('src'), front('index.html'), front('vite.config.ts'), front('package.json')]);
  if (fs.existsSync(front('dist', 'index.html')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === print) return;
  log('Construction de l’interface web (Vite)…');
  const result = spawnSync('npm', ['run', 'build', '--workspace', 'front'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error('La construction de l’interface web a échoué.');
  fs.writeFileSync(stamp, print);
}

export interface InitialJs {
  files: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
}

/** The JavaScript the browser loads before the first render: index.html's module scripts and modulepreloads, gzip -9. */
export function initialJavaScript(): InitialJs {
  const html = fs.readFileSync(front('dist', 'index.html'), 'utf8');
  const sources = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) sources.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/g)) sources.add(m[1]);
  const files = [...sources].map((src) => {
    const content = fs.readFileSync(front('dist', src.replace(/^\//, '')));
    return { file: src, bytes: content.length, gzip: zlib.gzipSync(content, { level: 9 }).length };
  });
  return { files, bytes: files.reduce((n, f) => n + f.bytes, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) };
}

export interface DashboardTiming {
  runs: number[];
  median: number;
  cards: number;
}

/**
 * Time to a rendered dashboard: a fresh browser context (cold cache) already holding the DGS's
 * token where the front keeps it (localStorage « charte.jwt », see front/src/lib/api-client.ts),
 * from navigation start (performance.now() = 0) until every service card is in the DOM, read by
 * a MutationObserver installed before any page script.
 */
export async function dashboardTiming(baseUrl: string, token: string, expectedCards: number, runs = 5): Promise<DashboardTiming> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const timings: number[] = [];
  let cards = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      // A string, not a function: tsx rewrites functions with helpers (__name) that the page lacks.
      await context.addInitScript(`
        localStorage.setItem('charte.jwt', ${JSON.stringify(token)});
        new MutationObserver(() => {
          const n = document.querySelectorAll('.cards article.card').length;
          if (window.__cardsAt === undefined && n >= ${expectedCards}) { window.__cardsAt = performance.now(); window.__cards = n; }
        }).observe(document, { childList: true, subtree: true });
      `);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/`);
      // Inline arrows (no names for tsx to wrap), and no strings: the cms's CSP forbids eval.
      type Marks = { __cardsAt?: number; __cards?: number };
      await page.waitForFunction(() => (window as unknown as Marks).__cardsAt !== undefined, undefined, { timeout: 60_000 });
      const seen = await page.evaluate(() => ({ at: (window as unknown as Marks).__cardsAt!, cards: (window as unknown as Marks).__cards! }));
      timings.push(seen.at);
      cards = seen.cards;
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { runs: timings, median: median(timings), cards };
}

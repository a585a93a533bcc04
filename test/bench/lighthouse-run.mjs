// The Lighthouse runs of test/bench/lighthouse.ts, in a plain Node process: Lighthouse sends some of
// its functions to the page as source text, and the TypeScript loader (tsx) would rewrite them with
// helpers the page does not have. Its companions as Lighthouse documents them: chrome-launcher
// starts the browser, puppeteer-core writes the session into the page's storage.
// Argument: a JSON { chromePath, publicUrls, staffUrls, token, output }; writes to `output`, for
// each URL, its categories and the audits they weigh (the rest of the report is left out).
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const { chromePath, publicUrls, staffUrls, token, output } = JSON.parse(process.argv[2]);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

function trimmed(url, lhr) {
  if (lhr.runtimeError) throw new Error(`Lighthouse : ${url} — ${lhr.runtimeError.message}`);
  const audits = {};
  for (const category of Object.values(lhr.categories)) {
    for (const ref of category.auditRefs) {
      const { score, displayValue, numericValue } = lhr.audits[ref.id];
      audits[ref.id] = { score, displayValue, numericValue };
    }
  }
  const lcp = lhr.audits['largest-contentful-paint'];
  if (lcp) audits['largest-contentful-paint'] = { score: lcp.score, displayValue: lcp.displayValue, numericValue: lcp.numericValue };
  const categories = Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, { score: c.score, auditRefs: c.auditRefs.map((r) => ({ id: r.id, weight: r.weight })) }]));
  return { url, categories, audits };
}

const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const results = [];
try {
  const flags = { port: chrome.port, output: 'json', logLevel: 'error', locale: 'fr' };
  for (const url of publicUrls) {
    const result = await lighthouse(url, { ...flags, onlyCategories: CATEGORIES });
    results.push(trimmed(url, result.lhr));
    console.log(`${url} mesurée`);
  }
  if (staffUrls.length) {
    // The front keeps its session as a JWT in localStorage (front/src/lib/api-client.ts).
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const page = await browser.newPage();
    await page.goto(new URL('/connexion', staffUrls[0]).href);
    await page.evaluate(`localStorage.setItem('charte.jwt', ${JSON.stringify(token)})`);
    for (const url of staffUrls) {
      // Storage kept: Lighthouse would otherwise clear the session before loading the page.
      const result = await lighthouse(url, { ...flags, onlyCategories: ['accessibility'], disableStorageReset: true }, undefined, page);
      results.push(trimmed(url, result.lhr));
      console.log(`${url} mesurée`);
    }
    await browser.disconnect();
  }
} finally {
  await chrome.kill();
}
fs.writeFileSync(output, JSON.stringify(results));

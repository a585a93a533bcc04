import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * How the cms delivers the web: compression negotiated per request, caching of the front's files,
 * over real HTTP with node's own client (it decompresses nothing, so the bytes on the wire are seen).
 */
let app: Core.Strapi;

// A built front as Vite leaves it (front/vite.config.ts): a hashed script with its .br and .gz copies.
const frontDir = fs.mkdtempSync(path.join(os.tmpdir(), 'charte-front-delivery-'));
const script = `console.log(${JSON.stringify('Charte d’accueil '.repeat(400))});\n`;
const scriptName = 'assets/index-AbCd1234.js';
fs.mkdirSync(path.join(frontDir, 'assets'));
fs.writeFileSync(path.join(frontDir, scriptName), script);
fs.writeFileSync(path.join(frontDir, `${scriptName}.br`), zlib.brotliCompressSync(script));
fs.writeFileSync(path.join(frontDir, `${scriptName}.gz`), zlib.gzipSync(script));
fs.writeFileSync(
  path.join(frontDir, 'index.html'),
  `<!doctype html>\n<html lang="fr">\n  <head>\n    <meta name="description" content="Charte d’accueil de la commune" />\n    <title>Charte d’accueil</title>\n    <script type="module" src="/${scriptName}"></script>\n  </head>\n  <body><div id="root"></div></body>\n</html>\n`,
);
// Its manifest: the results page's chunk imports a chunk of its own and one the entry carries already.
fs.mkdirSync(path.join(frontDir, '.vite'));
fs.writeFileSync(
  path.join(frontDir, '.vite', 'manifest.json'),
  JSON.stringify({
    'index.html': { file: scriptName, isEntry: true, imports: ['_format-F1.js'], css: ['assets/index-C1.css'] },
    '_format-F1.js': { file: 'assets/format-F1.js' },
    '_results-R1.js': { file: 'assets/results-R1.js', css: ['assets/results-R1.css'] },
    'src/features/results/routes/ResultsPage.tsx': { file: 'assets/ResultsPage-P1.js', isDynamicEntry: true, imports: ['index.html', '_results-R1.js', '_format-F1.js'] },
  }),
);

beforeAll(async () => {
  process.env.CHARTE_FRONT_DIR = frontDir;
  app = await startStrapi();
});
afterAll(async () => {
  await stopStrapi(app);
  delete process.env.CHARTE_FRONT_DIR;
  fs.rmSync(frontDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent, still compressed. */
  raw: Buffer;
  /** The body once decoded according to its Content-Encoding. */
  text: string;
}

function get(pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const { port } = app.server.httpServer.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const decoded = raw.length === 0 ? raw : encoding === 'br' ? zlib.brotliDecompressSync(raw) : encoding === 'gzip' ? zlib.gunzipSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text: decoded.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const varies = (a: Answer) => (a.headers.vary ?? '').split(',').map((v) => v.trim().toLowerCase()).includes('accept-encoding');

describe('compression', () => {
  it('sends the hashed script as the precompressed copy the browser accepts, brotli first, cached for a year', async () => {
    const br = await get(`/${scriptName}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.raw).toEqual(fs.readFileSync(path.join(frontDir, `${scriptName}.br`)));
    expect(br.text).toBe(script);
    expect(br.headers['cache-control']).toBe('max-age=31536000,immutable');
    expect(varies(br)).toBe(true);

    const gzip = await get(`/${scriptName}`, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(script);
    expect(varies(gzip)).toBe(true);

    // A client that accepts no encoding gets the file itself, same Vary.
    const plain = await get(`/${scriptName}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.toString('utf8')).toBe(script);
    expect(varies(plain)).toBe(true);
  });

  it('sends every page (index.html with the model map) compressed, never cached without asking again', async () => {
    for (const [accept, encoding] of [
      ['br;q=1.0, gzip;q=0.8', 'br'],
      ['gzip', 'gzip'],
      ['identity', undefined],
    ] as const) {
      const page = await get('/charte', { 'Accept-Encoding': accept });
      expect(page.status).toBe(200);
      expect(page.headers['content-encoding']).toBe(encoding);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(varies(page)).toBe(true);
      expect(page.text).toContain(`src="/${scriptName}"`);
      expect(page.text).toContain('id="charte-labels"');
    }
  });

  it('compresses API JSON above 1 KB, leaves small answers as they are, always with Vary', async () => {
    // The model map: several kilobytes of JSON.
    const labels = await get('/api/labels', { 'Accept-Encoding': 'br, gzip' });
    expect(labels.status).toBe(200);
    expect(labels.headers['content-encoding']).toBe('br');
    expect(labels.headers['content-type']).toMatch(/^application\/json/);
    expect(varies(labels)).toBe(true);
    const json = JSON.parse(labels.text) as unknown;
    expect(labels.raw.length).toBeLessThan(Buffer.byteLength(JSON.stringify(json)) / 2);

    const gzip = await get('/api/labels', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gzip.text)).toEqual(json);

    const small = await get('/api/health/live', { 'Accept-Encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.text)).toEqual({ status: 'en vie' });
    expect(varies(small)).toBe(true);
  });

  it('keeps the Content-Security-Policy of every answer as it was', async () => {
    const page = await get('/charte', { 'Accept-Encoding': 'br' });
    const api = await get('/api/health/live', { 'Accept-Encoding': 'br' });
    for (const answer of [page, api]) expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers a client that refuses every encoding with a French 406, and HEAD without a body', async () => {
    const refused = await get('/api/labels', { 'Accept-Encoding': 'identity;q=0' });
    expect(refused.status).toBe(406);
    expect(JSON.parse(refused.text).error.message).toMatch(/^Aucun encodage acceptable/);
    const head = await get(`/${scriptName}`, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.raw.length).toBe(0);
  });
});

describe('search engines', () => {
  /** RFC 9309 as engines read it: the longest matching rule wins, Allow on a tie; `$` ends an address. */
  function allowed(robots: string, pathname: string): boolean {
    let best: { length: number; allow: boolean } = { length: -1, allow: true };
    for (const line of robots.split('\n')) {
      const rule = /^(Allow|Disallow):\s*(\S*)$/.exec(line.trim());
      if (!rule) continue;
      const [, verb, pattern] = rule;
      const exact = pattern.endsWith('$');
      const prefix = exact ? pattern.slice(0, -1) : pattern;
      if (!(exact ? pathname === prefix : pathname.startsWith(prefix))) continue;
      const allow = verb === 'Allow';
      if (pattern.length > best.length || (pattern.length === best.length && allow)) best = { length: pattern.length, allow };
    }
    return best.allow;
  }

  it('lets robots read the public pages and the open data, and keeps staff pages, the panel and the API out', async () => {
    const res = await get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const robots = res.text;
    expect(robots).toMatch(/^User-agent: \*$/m);
    const open = ['/charte', '/resultats', '/accessibilite', '/reclamation', '/enquetes', '/enquete/abc123', '/charte/versions/2', '/mentions-legales', '/confidentialite', '/connexion', '/api/public/open-data/resultats.csv', '/api/public/open-data/resultats.json', `/${scriptName}`, '/favicon.png'];
    const closed = ['/', '/a-traiter', '/reclamations', '/charte/gestion', '/charte/principes/nouveau', '/enquetes/resultats', '/enquetes/nouvelle', '/feuille-de-route', '/journal', '/services/accueil', '/admin', '/admin/auth/login', '/api/complaints', '/api/public/complaints', '/api/labels', '/uploads/x.pdf'];
    expect(open.filter((p) => !allowed(robots, p))).toEqual([]);
    expect(closed.filter((p) => allowed(robots, p))).toEqual([]);
  });

  it('names the sitemap and lists the public pages there with absolute addresses from PUBLIC_URL', async () => {
    process.env.PUBLIC_URL = 'https://accueil.demoville.example/';
    try {
      const robots = await get('/robots.txt');
      expect(robots.text).toMatch(/^Sitemap: https:\/\/accueil\.demoville\.example\/sitemap\.xml$/m);
      const res = await get('/sitemap.xml', { 'Accept-Encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      const locs = [...res.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      expect(locs).toEqual(
        ['/charte', '/resultats', '/vous-nous-avez-dit', '/accessibilite', '/reclamation', '/enquetes', '/mentions-legales', '/confidentialite', '/api/public/open-data/resultats.json', '/api/public/open-data/resultats.csv'].map(
          (p) => `https://accueil.demoville.example${p}`,
        ),
      );
      expect(res.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
    } finally {
      delete process.env.PUBLIC_URL;
    }
    // Without PUBLIC_URL, the address the request came to.
    const local = await get('/sitemap.xml');
    expect(local.text).toMatch(/<loc>http:\/\/127\.0\.0\.1:\d+\/charte<\/loc>/);
    // Each listed public address answers with a page (or a file).
    for (const loc of [...local.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname)) expect([loc, (await get(loc)).status]).toEqual([loc, 200]);
  });

  it('writes each public page’s French title and description into the page it sends, and noindex elsewhere', async () => {
    const charter = (await get('/charte', { 'Accept-Encoding': 'br' })).text;
    expect(charter).toContain('<title>Notre charte d’accueil — Charte d’accueil</title>');
    expect(charter).toMatch(/<meta name="description" content="Les engagements de la commune pour l’accueil du public[^"]*"/);
    expect(charter).not.toContain('noindex');
    const statement = (await get('/accessibilite')).text;
    expect(statement).toContain('<title>Accessibilité — Charte d’accueil</title>');
    for (const staff of ['/', '/a-traiter', '/charte/gestion']) {
      const html = (await get(staff, { 'Accept-Encoding': 'gzip' })).text;
      expect([staff, html.includes('<meta name="robots" content="noindex" />')]).toEqual([staff, true]);
      expect(html).toContain('<title>Charte d’accueil</title>');
    }
  });

  it('names a public page’s own chunks, styles and first reads in the page it sends, nothing the main script carries', async () => {
    const links = (html: string) => [...html.matchAll(/<link rel="(modulepreload|stylesheet|preload)"[^>]* href="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(links((await get('/resultats', { 'Accept-Encoding': 'br' })).text)).toEqual([
      'modulepreload /assets/ResultsPage-P1.js',
      'modulepreload /assets/results-R1.js',
      'stylesheet /assets/results-R1.css',
      'preload /api/accessibility',
      'preload /api/public/results',
    ]);
    // A staff page: the layout's read only, its chunk left to the router.
    expect(links((await get('/a-traiter')).text)).toEqual(['preload /api/accessibility']);
    // Fetched the way the front asks (same-origin credentials), or the browser would not reuse the answer.
    expect((await get('/resultats')).text).toContain('<link rel="preload" href="/api/public/results" as="fetch" crossorigin />');
    // What is named exists and answers anonymously: nothing preloaded is refused.
    for (const read of ['/api/accessibility', '/api/public/results']) expect([read, (await get(read)).status]).toEqual([read, 200]);
  });
});

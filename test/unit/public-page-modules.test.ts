import fs from 'node:fs';
import path from 'node:path';
import { PUBLIC_PAGES } from '@charte/contract';

/**
 * The cms names each public page's module in the page it sends (cms/src/middlewares/front.ts), from
 * contract/src/public-pages.ts: a module renamed or no longer loaded on demand would silently lose
 * its preloads, and the page its speed.
 */
const front = path.join(__dirname, '..', '..', 'front');
const app = fs.readFileSync(path.join(front, 'src', 'app', 'App.tsx'), 'utf8');

describe('public pages and their front modules', () => {
  it.each(PUBLIC_PAGES.map((page) => [page.path, page.module]))('%s is drawn by %s, a module the router loads on demand', (_path, module) => {
    expect(fs.existsSync(path.join(front, module))).toBe(true);
    const imported = `import('${path.relative(path.join(front, 'src', 'app'), path.join(front, module)).replace(/\.tsx$/, '').replace(/^(?!\.)/, './')}')`;
    expect(app).toContain(imported);
  });

  it('reads only the API, by paths without a query (the front asks for exactly these addresses)', () => {
    for (const page of PUBLIC_PAGES) for (const read of page.reads) expect([page.path, read]).toEqual([page.path, expect.stringMatching(/^\/api\/[a-z0-9/-]+$/)]);
  });
});

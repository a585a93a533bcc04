import fs from 'node:fs';
import path from 'node:path';
import { readLibraryFile } from '../../cms/src/referential/read-library';

const dir = path.join(__dirname, '..', '..', 'database', 'referentiels');

describe('shipped référentiel libraries', () => {
  it('are all valid', () => {
    // The .xlsx sample beside them is checked by referential-workbook.test.ts.
    const libraries = fs.readdirSync(dir).filter((file) => /\.(ya?ml|json)$/.test(file));
    expect(libraries.length).toBeGreaterThanOrEqual(2);
    for (const file of libraries) expect(() => readLibraryFile(path.join(dir, file))).not.toThrow();
  });

  it('carry the 28 Qualivilles engagements in four chapters, with the 15-day answer commitment', () => {
    const library = readLibraryFile(path.join(dir, 'qualivilles-ville.yaml'));
    expect(library.themes.map((t) => t.criteria.length)).toEqual([18, 4, 4, 2]);
    const codes = library.themes.flatMap((t) => t.criteria.map((c) => c.code));
    expect(codes).toEqual(Array.from({ length: 28 }, (_, i) => `QV-${String(i + 1).padStart(2, '0')}`));
    const qv27 = library.themes[3].criteria[0];
    expect(qv27.indicators).toEqual(expect.arrayContaining([expect.objectContaining({ unit: 'jours', target: 15, direction: 'lower' })]));
  });

  it('carry the 12 Marianne engagements in five groups, with the 7-day e-mail answer', () => {
    const library = readLibraryFile(path.join(dir, 'marianne-2016.yaml'));
    expect(library.themes.map((t) => t.criteria.length)).toEqual([3, 3, 2, 2, 2]);
    const indicators = library.themes.flatMap((t) => t.criteria.flatMap((c) => c.indicators));
    expect(indicators).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'MAR-07-I1', target: 7, unit: 'jours' })]));
  });
});

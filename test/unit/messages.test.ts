import { untouched } from '../../admin-extensions/admin/src/lib/format';
import { checkRows } from '../../cms/src/referential/import-preview';
import { formatDay, formatInstant } from '../../cms/src/platform/calendar/clock';
import { formatDate } from '../../front/src/lib/format';

/** Sentences users read that were wrong French, each as it reads now. */
describe('French of the messages', () => {
  it('writes the first of the month « 1er », on the server and in the browser', () => {
    expect(formatDay('2026-03-01')).toBe('1er mars 2026');
    expect(formatDay('2026-03-15')).toBe('15 mars 2026');
    expect(formatInstant(new Date('2026-03-01T10:00:00Z'))).toBe('1er mars 2026');
    expect(formatDate('2026-03-01T10:00:00Z')).toBe('1er mars 2026');
    expect(formatDate('2026-03-11T10:00:00Z')).toBe('11 mars 2026');
    // A calendar day (roadmap dates, periods) is that day whatever the browser's time zone.
    expect(formatDate('2026-03-01')).toBe('1er mars 2026');
    expect(formatDate('2026-06-30')).toBe('30 juin 2026');
  });

  it('agrees the import dialog\'s sentence with the number of unchanged rows', () => {
    expect(untouched(0)).toBe('Rien n’est supprimé.');
    expect(untouched(1)).toBe('L’élément inchangé n’est pas touché, et rien n’est supprimé.');
    expect(untouched(12)).toBe('Les 12 éléments inchangés ne sont pas touchés, et rien n’est supprimé.');
  });

  it('names in the import preview what a choice column of the file may hold, not the library\'s codes', () => {
    const row = { sheet: 'Indicateurs', row: 2, kind: 'indicator' as const, errors: [], values: { criterion: 'X-01', code: 'X-01-I1', name: 'Taux', unit: 'pourcentage', frequency: 'mensuelle' } };
    const [checked] = checkRows([row]).checked;
    expect(checked.source.errors).toContain('Indicateurs, ligne 2, colonne Sens : sens inconnu (attendu : hausse ou baisse)');
    expect(checked.source.errors.join()).not.toMatch(/higher|lower/);
  });
});

import { checkAdminTranslations, readComplements } from '../../database/admin-translations';

const complements = readComplements();
const report = checkAdminTranslations(complements);
const listed = (items: { key: string; english?: string }[]) => items.map((i) => `${i.key} = ${JSON.stringify(i.english)}`).join('\n');

describe('French admin panel', () => {
  it('covers every English message of the installed Strapi (a Strapi upgrade lists here what to translate)', () => {
    expect(Object.keys(report.counts)).toHaveLength(9);
    // Printed as text so the failure shows the keys and the English to translate.
    expect(listed(report.untranslated)).toBe('');
  });

  it('keeps the ICU arguments and rich-text tags of the English messages', () => {
    expect(report.placeholderMismatches).toEqual([]);
  });

  it('knows every Strapi package that ships admin translations', () => {
    expect(report.unknownSources).toEqual([]);
  });

  it('carries no dead keys', () => {
    expect(report.stale).toEqual([]);
  });

  it('reports a message that would fall back to English, and a translation that loses an argument', () => {
    const without = { ...complements };
    delete without['HomePage.addWidget.title'];
    without['upload.folder.create.title-in'] = 'Nouveau dossier';
    const broken = checkAdminTranslations(without);
    expect(broken.untranslated).toEqual([{ key: 'HomePage.addWidget.title', english: 'Add Widget' }]);
    expect(broken.placeholderMismatches).toEqual([{ key: 'upload.folder.create.title-in', english: ['folderName'], french: [] }]);
  });

  it('uses the vocabulary of Strapi’s French admin', () => {
    expect(complements['global.plugins.content-manager']).toBe('Gestionnaire de contenu');
    expect(complements['global.plugins.upload']).toBe('Médiathèque');
    expect(complements['HomePage.addWidget.button']).toBe('Ajouter un widget');
  });
});

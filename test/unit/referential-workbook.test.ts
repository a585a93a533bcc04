import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { checkRows } from '../../cms/src/referential/import-preview';
import { referentialLibrarySchema } from '../../cms/src/referential/library-format';
import { readWorkbook, SpreadsheetFileError } from '../../cms/src/referential/read-workbook';
import { writeWorkbook } from '../../cms/src/referential/write-workbook';
import { SAMPLE_WORKBOOK, sampleLibrary } from '../../database/write-sample-workbook';

/** Rows read from a file, checked, as the import sees them: the library and every error message. */
async function read(buffer: Buffer, name: string) {
  const rows = await readWorkbook(buffer, name);
  const { library } = checkRows(rows);
  return { library, errors: rows.flatMap((r) => r.errors), rows };
}

type Sheet = (string | number | null | { formula: string; result: number })[][];
async function xlsx(sheets: Record<string, Sheet>, percent?: { sheet: string; cell: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  if (percent) workbook.getWorksheet(percent.sheet)!.getCell(percent.cell).numFmt = '0%';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const head = [['Code', 'Intitulé', 'Source'], ['local-test', 'Référentiel de test', 'local']];
const themes = [['Code', 'Intitulé'], ['T1', 'Accueil']];
const criteriaHeader = ['Thème (code)', 'Code', 'Intitulé', 'Poids', 'Services concernés'];

describe('référentiel workbook: writing then reading gives the same library', () => {
  it.each(['xlsx', 'csv'] as const)('%s', async (format) => {
    const { library, errors } = await read(await writeWorkbook(sampleLibrary, format), `exemple.${format}`);
    expect(errors).toEqual([]);
    expect(referentialLibrarySchema.parse(library)).toEqual(sampleLibrary);
  });

  it('the committed sample workbook is what database/write-sample-workbook.ts writes', async () => {
    const { library, errors } = await read(fs.readFileSync(SAMPLE_WORKBOOK), 'exemple-services-publics-plus.xlsx');
    expect(errors).toEqual([]);
    expect(referentialLibrarySchema.parse(library)).toEqual(sampleLibrary);
    expect(library.themes.flatMap((t) => t.criteria)).toHaveLength(9);
  });

  it('the template has a guide and every sheet with its column titles, and no row', async () => {
    const buffer = await writeWorkbook(null, 'xlsx', [{ slug: 'accueil-etat-civil', name: 'Accueil / État civil' }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Mode d’emploi', 'Référentiel', 'Thèmes', 'Engagements', 'Indicateurs']);
    expect(workbook.getWorksheet('Engagements')!.getRow(1).values).toEqual(expect.arrayContaining(['Poids', 'Preuves attendues (une par ligne)']));
    const guide: string[] = [];
    workbook.getWorksheet('Mode d’emploi')!.eachRow((row) => guide.push(String(row.getCell(1).value ?? '')));
    expect(guide).toContain('accueil-etat-civil');
    expect(await readWorkbook(buffer, 'modele.xlsx')).toEqual([]);
  });

  it('the CSV is what Excel in French opens: BOM, semicolons, decimal comma', async () => {
    const text = (await writeWorkbook(sampleLibrary, 'csv')).toString('utf8');
    expect(text.startsWith('\uFEFFType;Code;Intitulé;')).toBe(true);
    expect(text).toMatch(/;SPP-09;Des services éco-responsables;.*;0,5;/);
  });
});

describe('référentiel workbook: tolerant on form', () => {
  it('accepts other header spellings, comma decimals, text numbers, aliases and trailing empty rows', async () => {
    const buffer = await xlsx({
      referentiel: [['  CODE ', 'intitule', 'source (au choix)'], ['local-test', 'Test', 'Services Publics +']],
      THEMES: [['code', 'Titre', 'ordre'], ['T1', 'Accueil', '2'], [null, null, null], ['', ' ', '']],
      engagements: [
        ['theme', 'code', 'intitulé', 'POIDS', 'services', 'Mode d\'evaluation', 'Preuves attendues', 'Commentaire libre'],
        ['T1', 'C1', '  Un accueil courtois ', '0,5', 'accueil-etat-civil ; Petite-Enfance', 'Observer', 'Charte affichée\n\n Planning ', 'ignoré'],
        ['T1', 'C2', 'Deuxième', { formula: '1+1', result: 2 }, '', '', '', ''],
      ],
      Indicateurs: [
        ['Engagement', 'Code', 'Nom', 'Unité', 'Cible', 'Sens', 'Fréquence'],
        ['C1', 'C1-I1', 'Taux de décroché', '%', 0.85, 'Hausse', 'Mensuel'],
        ['C2', 'C2-I1', 'Délai', 'jour', ' 15 ', 'baisse', 'ANNUELLE'],
      ],
    }, { sheet: 'Indicateurs', cell: 'E2' });
    const { library, errors } = await read(buffer, 'Fichier.XLSX');
    expect(errors).toEqual([]);
    expect(library.referential).toMatchObject({ code: 'local-test', source: 'services-publics-plus' });
    expect(library.themes).toHaveLength(1);
    expect(library.themes[0]).toMatchObject({ code: 'T1', order: 2 });
    const [c1, c2] = library.themes[0].criteria;
    expect(c1).toMatchObject({ title: 'Un accueil courtois', weight: 0.5, services: ['accueil-etat-civil', 'petite-enfance'], guidance: 'Observer', expectedEvidence: ['Charte affichée', 'Planning'] });
    expect(c2).toMatchObject({ weight: 2, services: [] });
    expect(c1.indicators[0]).toMatchObject({ unit: 'pourcentage', target: 85, direction: 'higher', frequency: 'mensuelle' });
    expect(c2.indicators[0]).toMatchObject({ unit: 'jours', target: 15, direction: 'lower', frequency: 'annuelle' });
  });

  it('reads CSV separated by commas, and CSV saved by Excel in Windows-1252', async () => {
    const lines = [
      'type,code,intitulé,thème,poids',
      'Référentiel,local-test,Référentiel de la ville,,',
      'thème,T1,Accueil,,',
      'Engagement,C1,"Un accueil, courtois",T1,"1,5"',
      ',,,,',
    ];
    const comma = await read(Buffer.from(lines.join('\n'), 'utf8'), 'a.csv');
    expect(comma.errors).toEqual([]);
    expect(comma.library.themes[0].criteria[0]).toMatchObject({ title: 'Un accueil, courtois', weight: 1.5 });

    const latin1 = Buffer.from(lines.join('\r\n').replace(/,/g, ';').replace('Un accueil; courtois', 'Un accueil courtois').replace('"1;5"', '1,5'), 'latin1');
    const excel = await read(latin1, 'b.csv');
    expect(excel.errors).toEqual([]);
    expect(excel.library.referential.name).toBe('Référentiel de la ville');
    expect(excel.library.themes[0].criteria[0]).toMatchObject({ title: 'Un accueil courtois', weight: 1.5 });
  });

  it('keeps every row of an exported CSV completed in a text editor (CRLF and LF mixed)', async () => {
    const exported = (await writeWorkbook(sampleLibrary, 'csv')).toString('utf8');
    expect(exported).toContain('\r\n');
    const criteria = sampleLibrary.themes.flatMap((t) => t.criteria).length;
    const added = `${exported.trimEnd()}\nengagement;SPP-99;Un engagement ajouté à la main;;;;99;${sampleLibrary.themes[0].code};;;1\n`;
    const { errors, library } = await read(Buffer.from(added, 'utf8'), 'complete.csv');
    expect(errors).toEqual([]);
    expect(library.themes.flatMap((t) => t.criteria).map((c) => c.code)).toContain('SPP-99');
    expect(library.themes.flatMap((t) => t.criteria)).toHaveLength(criteria + 1);
  });
});

describe('référentiel workbook: strict on meaning, errors say where', () => {
  it('names the sheet, the row and the column of each error, in French', async () => {
    const buffer = await xlsx({
      Référentiel: [['Code', 'Intitulé', 'Source'], ['Pas Un Code', '', 'afnor']],
      Thèmes: [...themes, ['T1', 'Doublon']],
      Engagements: [
        criteriaHeader,
        ['T1', 'C1', 'Un', 1, ''],
        ['T1', 'C2', 'Deux', 1, ''],
        ['T1', 'C3', 'Trois', 1, ''],
        ['T1', 'C4', 'Quatre', 1, ''],
        ['T1', 'C4b', 'Quatre bis', 1, ''],
        ['T1', 'C5', 'Cinq', 'beaucoup', ''],
        ['T9', 'C6', 'Six', 0, ''],
        ['T1', 'C1', 'Un encore', 1, ''],
      ],
      Indicateurs: [['Engagement', 'Code', 'Intitulé', 'Unité', 'Cible', 'Sens', 'Fréquence'], ['C1', 'I1', 'Mesure', 'litres', 'dix', 'monter', 'chaque jour']],
    });
    const { errors } = await read(buffer, 'erreurs.xlsx');
    expect(errors).toEqual(
      expect.arrayContaining([
        'Référentiel, ligne 2, colonne Code : le code du référentiel ne contient que a-z, 0-9 et des tirets',
        'Référentiel, ligne 2, colonne Intitulé : le nom du référentiel est obligatoire',
        'Référentiel, ligne 2, colonne Source : « afnor » : source inconnue (attendu : qualivilles, marianne, services-publics-plus ou local)',
        'Thèmes, ligne 3, colonne Code : le code « T1 » apparaît déjà (ligne 2).',
        'Engagements, ligne 7, colonne Poids : nombre attendu (par exemple 1 ou 0,5)',
        'Engagements, ligne 8, colonne Poids : le poids doit être strictement positif',
        'Engagements, ligne 8, colonne Thème : le thème « T9 » n’existe pas dans la feuille Thèmes.',
        'Engagements, ligne 9, colonne Code : le code « C1 » apparaît déjà (ligne 2).',
        'Indicateurs, ligne 2, colonne Unité : « litres » : unité inconnue (attendu : pourcentage, jours, minutes, secondes ou nombre)',
        'Indicateurs, ligne 2, colonne Cible : nombre attendu (par exemple 1 ou 0,5)',
        'Indicateurs, ligne 2, colonne Sens : « monter » : sens inconnu (attendu : hausse ou baisse)',
        'Indicateurs, ligne 2, colonne Fréquence : « chaque jour » : fréquence inconnue (attendu : mensuelle, trimestrielle, semestrielle ou annuelle)',
      ]),
    );
  });

  it('reports a missing sheet, a missing column and an unknown CSV type as errors of the file', async () => {
    const missing = await read(await xlsx({ Référentiel: head, Engagements: [['Code', 'Intitulé'], ['C1', 'Un']] }), 'x.xlsx');
    expect(missing.errors).toEqual(
      expect.arrayContaining([
        'Thèmes : la feuille « Thèmes » est absente du classeur.',
        'Engagements, ligne 1 : colonne « Thème » absente de la ligne de titres.',
      ]),
    );
    const csv = await read(Buffer.from('Type;Code;Intitulé\nréférentiel;local-test;Test\nchapitre;T1;Accueil\n'), 'x.csv');
    expect(csv.errors).toContain('Fichier CSV, ligne 3 : type « chapitre » inconnu (attendu : référentiel, thème, engagement ou indicateur).');
    const noType = await read(Buffer.from('Code;Intitulé\nlocal-test;Test\n'), 'x.csv');
    expect(noType.errors[0]).toMatch(/^Fichier CSV, ligne 1 : colonne « Type » absente/);
  });

  it('counts rows as Excel shows them: a quoted cell over several lines is one row', async () => {
    const { errors } = await read(Buffer.from('Type;Code;Intitulé;Thème;Preuves attendues;Poids\nréférentiel;local-test;Test;;;\nthème;T1;Accueil;;;\nengagement;C1;Un;T1;"a\nb\nc";zéro\n'), 'x.csv');
    expect(errors).toEqual(['Fichier CSV, ligne 4, colonne Poids : nombre attendu (par exemple 1 ou 0,5)']);
  });

  it('refuses files it cannot read with a SpreadsheetFileError (answered 400)', async () => {
    await expect(readWorkbook(Buffer.from('PK\u0003\u0004 pas vraiment un zip'), 'casse.xlsx')).rejects.toThrow(SpreadsheetFileError);
    await expect(readWorkbook(Buffer.from('PK\u0003\u0004 pas vraiment un zip'), 'casse.xlsx')).rejects.toThrow(/pas un classeur Excel valide/);
    await expect(readWorkbook(Buffer.from('x'), 'referentiel.ods')).rejects.toThrow(/n’est pas un classeur Excel \(\.xlsx\) ni un fichier CSV/);
    await expect(readWorkbook(Buffer.alloc(5 * 1024 * 1024 + 1, 'a'), 'gros.csv')).rejects.toThrow(/taille maximale de 5 Mo/);
    const many = ['Type;Code;Intitulé', 'référentiel;local-test;Test', ...Array.from({ length: 5000 }, (_, i) => `thème;T${i};Thème ${i}`)].join('\n');
    await expect(readWorkbook(Buffer.from(many), 'long.csv')).rejects.toThrow(/au plus 5000 lignes/);
    const sheet = Array.from({ length: 5001 }, (_, i) => [`T${i}`, `Thème ${i}`]);
    await expect(readWorkbook(await xlsx({ Référentiel: head, Thèmes: [['Code', 'Intitulé'], ...sheet] }), 'long.xlsx')).rejects.toThrow(/5000 lignes/);
  });
});

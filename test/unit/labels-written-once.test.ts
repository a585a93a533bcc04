import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';

// config/labels.yaml is the one place a label is written: the name of a type, a field (and its help
// line), a workflow state or action, a choice. Screens read it from the model map (the front's
// useLabels(), the admin panel's translations and /charte-admin/labels, the cms's own modules), so
// a label retyped in the code is a copy that will drift. This test reads the code's string literals
// and JSX text and fails with every one that equals a label.

const root = path.join(__dirname, '..', '..');

/** The folders whose code must not retype a label. Extend it as more code moves to the model map. */
const SCANNED = ['front/src', 'admin-extensions/admin/src', 'admin-extensions/server/src', 'cms/src'];

/**
 * Files that define a format of their own: the référentiel workbook's column titles are what a
 * town's files carry and what the import reads back; a label changed in labels.yaml must not make
 * last year's file unreadable.
 */
const FILE_FORMATS = ['cms/src/referential/workbook-format.ts'];

/**
 * Texts that equal a label by coincidence: the same French word for something that is not that
 * field, choice or type. Each names its file and why; anything else found is a copy.
 */
const COINCIDENCES: { file: string; text: string; why: string }[] = [
  { file: 'cms/src/platform/pdf/document.ts', text: 'Document', why: 'the PDF structure type « Document » (ISO 32000), not a label' },
  { file: 'front/src/features/complaints/components/BilanSection.tsx', text: 'Nombre', why: 'a count column, not the unit « nombre »' },
  { file: 'front/src/features/surveys/routes/SurveyResultsPage.tsx', text: 'Nombre', why: 'a count column, not the unit « nombre »' },
  { file: 'front/src/features/surveys/routes/SurveyResultsPage.tsx', text: 'Réponses', why: 'a number of responses, not the answers field of a response' },
  { file: 'front/src/features/surveys/routes/SurveyListPage.tsx', text: 'Réponses', why: 'a number of responses, not the answers field of a response' },
  { file: 'front/src/features/surveys/routes/SurveyListPage.tsx', text: 'Période', why: 'when a survey is open, not a measure’s period' },
  { file: 'front/src/features/surveys/routes/SurveyListPage.tsx', text: 'État', why: 'whether a survey is open (from its dates), not a workflow state' },
  { file: 'front/src/features/results/routes/ResultsPage.tsx', text: 'Résultat', why: 'an indicator’s measured value, not an evaluation’s result' },
  { file: 'cms/src/published-results/open-data.ts', text: 'Valeur', why: 'the field name of the State’s SP+ results API, fixed by that format, not the measure’s label' },
  { file: 'front/src/features/results/routes/ResultsPage.tsx', text: 'Période', why: 'the twelve months the complaint figures cover, in a sentence' },
  { file: 'front/src/features/complaints/routes/ComplaintsPage.tsx', text: 'Échéance', why: 'a complaint’s computed deadline, not a roadmap action’s due date' },
  { file: 'front/src/features/complaints/routes/ComplaintsPage.tsx', text: 'Action', why: 'the column of the « Mettre à jour » buttons, not a roadmap action' },
  { file: 'front/src/features/audit/routes/AuditLogPage.tsx', text: 'Type', why: 'the kind of document filtered on, not a campaign’s type' },
  { file: 'front/src/features/workflow/routes/InboxPage.tsx', text: 'Type de document', why: 'the inbox filter on a document’s type, not a history event’s field' },
  { file: 'admin-extensions/admin/src/referential/PreviewTable.tsx', text: 'Type', why: 'the level of a row of the file (référentiel, thème…), not a campaign’s type' },
  { file: 'admin-extensions/admin/src/referential/PreviewTable.tsx', text: 'Statut', why: 'what the import does with a row, not a roadmap action’s status' },
  { file: 'cms/src/complaints/bilan-workbook.ts', text: 'Valeur', why: 'the figures of the bilan’s summary, not a measure’s value' },
  { file: 'cms/src/complaints/bilan-workbook.ts', text: 'Nombre', why: 'a count column, not the unit « nombre »' },
  { file: 'cms/src/surveys/export-workbook.ts', text: 'Nombre', why: 'a count column, not the unit « nombre »' },
  { file: 'cms/src/surveys/export-workbook.ts', text: 'Réponses', why: 'the responses (a sheet, a count), not the answers field of one response' },
  { file: 'cms/src/surveys/export-workbook.ts', text: 'Date', why: 'the day a response came, not a history event’s date' },
  { file: 'cms/src/reports/evaluation-report-pdf.ts', text: 'Date', why: 'an interview’s day in a narrow column, not a history event’s date' },
  { file: 'cms/src/reports/evaluation-report-docx.ts', text: 'Date', why: 'an interview’s day in a narrow column (the PDF’s, in Word), not a history event’s date' },
  { file: 'admin-extensions/admin/src/mails/MailsPage.tsx', text: 'Objet', why: 'a mail’s subject line, not a complaint’s subject' },
  { file: 'admin-extensions/admin/src/mails/MailsPage.tsx', text: 'Créé le', why: 'when a mail was queued (a pg-boss job), not a document’s creation' },
  { file: 'admin-extensions/admin/src/mails/MailsPage.tsx', text: 'Action', why: 'the column of the « Réessayer » buttons, not a roadmap action' },
  { file: 'cms/src/referential/write-workbook.ts', text: 'Nom', why: 'a service’s name in the workbook’s guide, not a référentiel’s name' },
];

interface FieldText {
  label: string;
  help?: string;
}
type Field = string | FieldText;
interface LabelsFile {
  types: Record<string, { label: string; plural: string; fields: Record<string, Field> }>;
  commonFields: Record<string, Field>;
  states: Record<string, string>;
  actions: Record<string, string>;
  choices: Record<string, string>;
}

/** Every text of the model map, with the places labels.yaml writes it. */
function labelTexts(): Map<string, string> {
  const labels = parse(fs.readFileSync(path.join(root, 'config', 'labels.yaml'), 'utf8')) as LabelsFile;
  const texts = new Map<string, string>();
  const add = (text: string | undefined, where: string) => {
    if (text) texts.set(text, texts.has(text) ? `${texts.get(text)}, ${where}` : where);
  };
  const addField = (field: Field, where: string) => {
    if (typeof field === 'string') return add(field, where);
    add(field.label, where);
    add(field.help, `${where} (aide)`);
  };
  for (const [name, type] of Object.entries(labels.types)) {
    add(type.label, `types.${name}.label`);
    add(type.plural, `types.${name}.plural`);
    for (const [field, value] of Object.entries(type.fields)) addField(value, `types.${name}.fields.${field}`);
  }
  for (const [field, value] of Object.entries(labels.commonFields)) addField(value, `commonFields.${field}`);
  for (const section of ['states', 'actions', 'choices'] as const) {
    for (const [code, text] of Object.entries(labels[section])) add(text, `${section}.${code}`);
  }
  return texts;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative] : [];
  });
}

/** The texts a user may read in a file: string literals (not imports, keys or types) and JSX text. */
function textsOf(file: string): { text: string; line: number }[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { text: string; line: number }[] = [];
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const parent = node.parent;
      const isKey = (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node;
      if (!isKey) found.push({ text: node.text.trim(), line: at(node) });
    } else if (ts.isJsxText(node)) {
      const text = node.text.replace(/\s+/g, ' ').trim();
      if (text) found.push({ text, line: at(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('labels are written once, in config/labels.yaml', () => {
  it('no scanned file retypes a label of the model map', () => {
    const labels = labelTexts();
    const copies: string[] = [];
    const unusedCoincidences = new Set(COINCIDENCES);
    for (const file of SCANNED.flatMap(sourceFiles).filter((f) => !FILE_FORMATS.includes(f))) {
      for (const { text, line } of textsOf(file)) {
        const where = labels.get(text);
        if (!where) continue;
        const coincidence = COINCIDENCES.find((c) => c.file === file && c.text === text);
        if (coincidence) unusedCoincidences.delete(coincidence);
        else copies.push(`${file}:${line} « ${text} » (labels.yaml ${where})`);
      }
    }
    expect(copies).toEqual([]);
    // A coincidence that no longer occurs is taken off the list.
    expect([...unusedCoincidences].map((c) => `${c.file} « ${c.text} »`)).toEqual([]);
  });
});

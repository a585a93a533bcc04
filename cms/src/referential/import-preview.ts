import type { Preview, PreviewRow, RowKind } from '@charte/contract';
import type { Core } from '@strapi/strapi';
import type { z } from 'zod';
import { planImport, type ImportPlan } from './import-plan';
import { criterionSchema, indicatorSchema, referentialHeadSchema, themeSchema, type ReferentialLibrary } from './library-format';
import { where, type SourceRow } from './read-workbook';
import { columnLabel, CSV_SHEET, ENUMS, FIELD_LABELS, SHEETS } from './workbook-format';

const ROW_SCHEMAS: Record<RowKind, z.ZodTypeAny> = {
  referential: referentialHeadSchema,
  theme: themeSchema.omit({ criteria: true }),
  criterion: criterionSchema.omit({ indicators: true }),
  indicator: indicatorSchema,
};
const TITLE_KEY: Record<RowKind, string> = { referential: 'name', theme: 'title', criterion: 'title', indicator: 'name' };

/** Zod speaks English when the library format gives no message of its own. */
function french(issue: z.ZodIssue): string {
  if (issue.code === 'too_big' && issue.type === 'string' && /^String/.test(issue.message)) return `texte trop long (${issue.maximum} caractères au plus)`;
  if (issue.code === 'too_big' && issue.type === 'number' && /^Number/.test(issue.message)) return `valeur trop grande (${issue.maximum} au plus)`;
  if (issue.code === 'too_small' && issue.type === 'number' && /^Number/.test(issue.message)) return `valeur trop petite (${issue.minimum} au moins)`;
  if (issue.code === 'invalid_type' && issue.received === 'undefined' && issue.message === 'Required') return 'valeur obligatoire';
  return issue.message;
}

interface Checked {
  source: SourceRow;
  /** The row's values checked by the library format; absent when the row has errors. */
  data?: Record<string, unknown>;
  /** Left out of the comparison: a repeated code or a parent that does not exist. */
  excluded?: boolean;
}

/** Checks each row on its own with the library format's rules, then the links between rows. */
export function checkRows(rows: SourceRow[]): { checked: Checked[]; library: ReferentialLibrary } {
  const checked: Checked[] = rows.map((source) => {
    if (source.structural) return { source, excluded: true };
    const columns = SHEETS.find((s) => s.kind === source.kind)!.columns;
    const parsed = ROW_SCHEMAS[source.kind].safeParse(source.values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = columns.find((c) => c.key === issue.path[0]);
        // A choice column says what the file may hold (« hausse ou baisse »), not the library's codes.
        const choices = column && column.type in ENUMS ? ENUMS[column.type as keyof typeof ENUMS].message : undefined;
        const message = choices && (issue.code === 'invalid_enum_value' || issue.code === 'invalid_type') ? choices : french(issue);
        source.errors.push(`${where(source.sheet, source.row, column?.label)} : ${message}`);
      }
    }
    return { source, data: source.errors.length ? undefined : (parsed as { data: Record<string, unknown> }).data };
  });
  const of = (kind: RowKind) => checked.filter((c) => c.source.kind === kind && !c.excluded);
  const fail = (item: Checked, column: string | undefined, message: string) => {
    item.source.errors.push(`${where(item.source.sheet, item.source.row, column)} : ${message}`);
    item.data = undefined;
  };

  const [head, ...extra] = of('referential');
  for (const more of extra) {
    fail(more, undefined, 'un fichier décrit un seul référentiel ; cette ligne est en trop.');
    more.excluded = true;
  }
  // Duplicated codes: the first row keeps the code, the next ones are refused.
  const firstRow = new Map<string, Checked>();
  for (const kind of ['theme', 'criterion', 'indicator'] as const) {
    for (const item of of(kind)) {
      const code = item.source.values.code;
      if (typeof code !== 'string' || !code) {
        item.excluded = true;
        continue;
      }
      const first = firstRow.get(`${kind}:${code}`);
      if (!first) {
        firstRow.set(`${kind}:${code}`, item);
        continue;
      }
      const there = first.source.sheet === item.source.sheet ? `ligne ${first.source.row}` : where(first.source.sheet, first.source.row);
      fail(item, columnLabel(kind, 'code'), `le code « ${code} » apparaît déjà (${there}).`);
      item.excluded = true;
    }
  }
  const parents: [RowKind, string, RowKind, string, string, string][] = [
    ['criterion', 'theme', 'theme', columnLabel('criterion', 'theme'), 'le thème « X » n’existe pas dans la feuille Thèmes.', 'le thème « X » est lui-même en erreur.'],
    ['indicator', 'criterion', 'criterion', columnLabel('indicator', 'criterion'), 'l’engagement « X » n’existe pas dans la feuille Engagements.', 'l’engagement « X » est lui-même en erreur.'],
  ];
  for (const [kind, key, parentKind, column, message, inError] of parents) {
    for (const item of of(kind)) {
      const parent = item.source.values[key];
      const parentRow = firstRow.get(`${parentKind}:${parent}`);
      if (parent === undefined || !parentRow || parentRow.excluded) {
        if (parent !== undefined) {
          fail(item, column, (parentRow ? inError : message).replace('X', String(parent)));
        }
        item.excluded = true;
      }
    }
  }
  const themes = of('theme');
  if (head && !themes.length) fail(head, undefined, 'un référentiel contient au moins un thème (feuille Thèmes vide).');

  // Rows with errors stay in the comparison with what could be read, so that the other rows keep
  // their true status (positions, parents); the file as a whole cannot be applied anyway.
  const valuesOf = (item: Checked) => item.data ?? item.source.values;
  const headValues = head ? valuesOf(head) : {};
  const library = {
    referential: { ...headValues, code: typeof headValues.code === 'string' ? headValues.code : '' },
    themes: themes.map((t) => ({
      ...valuesOf(t),
      criteria: of('criterion')
        .filter((c) => c.source.values.theme === t.source.values.code)
        .map((c) => ({
          expectedEvidence: [],
          services: [],
          ...valuesOf(c),
          indicators: of('indicator').filter((i) => i.source.values.criterion === c.source.values.code).map(valuesOf),
        })),
    })),
  } as unknown as ReferentialLibrary;
  return { checked, library };
}

function previewRow(item: Checked, plan: ImportPlan | null, unknownServices: Map<string, string[]>): PreviewRow {
  const { source } = item;
  const code = typeof source.values.code === 'string' ? source.values.code : null;
  const title = source.values[TITLE_KEY[source.kind]];
  const planned =
    !plan || code === null
      ? undefined
      : source.kind === 'referential'
        ? plan.referential
        : ({ theme: plan.themes, criterion: plan.criteria, indicator: plan.indicators } as const)[source.kind].find((p) => p.code === code);
  const errors = [...source.errors];
  if (source.kind === 'criterion' && code && item.data) {
    for (const slug of unknownServices.get(code) ?? []) {
      errors.push(`${where(source.sheet, source.row, columnLabel('criterion', 'services'))} : le service « ${slug} » n’existe pas (services connus : voir le mode d’emploi).`);
    }
  }
  const labels = FIELD_LABELS[source.kind];
  return {
    sheet: source.sheet,
    row: source.row,
    kind: source.kind,
    code,
    title: typeof title === 'string' && title ? title : null,
    status: errors.length || !planned ? 'error' : planned.status,
    changes: planned && planned.status === 'updated' ? planned.changes.map((field) => labels[field] ?? field) : [],
    errors,
  };
}

/**
 * What importing these rows would do, row by row, without writing anything. The comparison is the
 * importer's own plan; the plan is returned too so that applying uses exactly what was shown.
 */
export async function previewRows(strapi: Core.Strapi, fileName: string, rows: SourceRow[]): Promise<{ preview: Preview; plan: ImportPlan | null }> {
  const { checked, library } = checkRows(rows);
  const plan = await planImport(strapi, library);
  const unknownServices = new Map(plan.criteria.map((c) => [c.code, c.unknownServices]));
  const previewed = checked.map((item) => previewRow(item, item.excluded ? null : plan, unknownServices));
  if (!checked.some((c) => c.source.kind === 'referential' && !c.source.structural)) {
    const sheet = rows.some((r) => r.sheet === CSV_SHEET) ? CSV_SHEET : SHEETS[0].name;
    previewed.unshift({
      sheet,
      row: 2,
      kind: 'referential',
      code: null,
      title: null,
      status: 'error',
      changes: [],
      errors: [`${where(sheet, 2)} : la ligne qui décrit le référentiel (code, intitulé…) est absente.`],
    });
  }
  const head = previewed.find((r) => r.kind === 'referential' && r.code !== null) ?? previewed.find((r) => r.kind === 'referential')!;
  const counts = { added: 0, updated: 0, unchanged: 0, errors: 0 };
  for (const row of previewed) counts[row.status === 'error' ? 'errors' : row.status] += 1;
  return {
    preview: {
      fileName,
      referential: { code: head.code, name: head.title, exists: Boolean(plan.referential.documentId), status: head.status },
      rows: previewed,
      counts,
      canApply: counts.errors === 0,
    },
    plan: counts.errors === 0 ? plan : null,
  };
}

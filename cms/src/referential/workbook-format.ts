import type { RowKind } from '@charte/contract';

/**
 * The spreadsheet format of a référentiel, shared by the reader, the writer and the template's
 * « Mode d'emploi » sheet: one sheet per level, French column titles, one row per record.
 * A CSV file holds the same rows in one table whose first column « Type » says the level.
 */
export type ColumnType = 'text' | 'code' | 'number' | 'integer' | 'lines' | 'slugs' | 'source' | 'unit' | 'direction' | 'frequency';

export interface Column {
  key: string;
  /** Title of the column, as written in files and named in error messages. */
  label: string;
  /** Written after the title between parentheses; ignored when reading. */
  hint?: string;
  /** Other titles accepted when reading (compared without case, accents or punctuation). */
  aliases?: string[];
  type: ColumnType;
  required?: boolean;
  width: number;
  help: string;
  example: string;
}

export interface SheetFormat {
  kind: RowKind;
  name: string;
  aliases: string[];
  /** The CSV « Type » value. */
  type: string;
  columns: Column[];
}

const code = (help: string, example: string): Column => ({ key: 'code', label: 'Code', type: 'code', required: true, width: 14, help, example });
const title = (key: string, help: string, example: string): Column => ({
  key,
  label: 'Intitulé',
  aliases: ['titre', 'nom', 'libelle'],
  type: 'text',
  required: true,
  width: 50,
  help,
  example,
});

export const SHEETS: SheetFormat[] = [
  {
    kind: 'referential',
    name: 'Référentiel',
    aliases: ['referentiels'],
    type: 'référentiel',
    columns: [
      code('Identifiant du référentiel : minuscules, chiffres et tirets. Un code existant met à jour ce référentiel.', 'services-publics-plus'),
      title('name', 'Nom du référentiel tel qu’il apparaît dans l’application.', 'Services Publics + (engagements de l’État)'),
      { key: 'version', label: 'Version', type: 'text', width: 12, help: 'Version ou année du référentiel.', example: '2021' },
      {
        key: 'source',
        label: 'Source',
        hint: 'qualivilles, marianne, services-publics-plus ou local',
        type: 'source',
        width: 22,
        help: 'Origine du référentiel : qualivilles, marianne, services-publics-plus ou local (par défaut : local).',
        example: 'services-publics-plus',
      },
      { key: 'description', label: 'Description', type: 'text', width: 80, help: 'Présentation du référentiel.', example: 'Les engagements de l’État pour la relation avec les usagers.' },
    ],
  },
  {
    kind: 'theme',
    name: 'Thèmes',
    aliases: ['theme', 'chapitres'],
    type: 'thème',
    columns: [
      code('Code du thème, unique dans le référentiel.', 'SPP-A'),
      title('title', 'Titre du thème.', 'Accueil et joignabilité'),
      { key: 'order', label: 'Ordre', type: 'integer', width: 8, help: 'Position du thème (1, 2, 3…) ; vide = l’ordre des lignes.', example: '1' },
    ],
  },
  {
    kind: 'criterion',
    name: 'Engagements',
    aliases: ['engagement', 'criteres', 'critere'],
    type: 'engagement',
    columns: [
      {
        key: 'theme',
        label: 'Thème',
        hint: 'code',
        aliases: ['code theme', 'code du theme'],
        type: 'code',
        required: true,
        width: 10,
        help: 'Code du thème de l’engagement, tel qu’écrit dans la feuille Thèmes.',
        example: 'SPP-A',
      },
      code('Code de l’engagement, unique dans le référentiel. L’ordre des lignes donne l’ordre des engagements dans leur thème.', 'SPP-01'),
      title('title', 'Titre de l’engagement.', 'Un accueil courtois et bienveillant'),
      { key: 'description', label: 'Description', type: 'text', width: 60, help: 'Ce que l’usager peut attendre.', example: 'Les agents se présentent et adoptent une attitude courtoise.' },
      {
        key: 'guidance',
        label: 'Mode d’évaluation',
        aliases: ['comment evaluer', 'guidance', 'methode d evaluation'],
        type: 'text',
        width: 60,
        help: 'Comment l’évaluateur apprécie l’engagement (observations, entretiens, documents à consulter).',
        example: 'Observer l’accueil pendant une demi-heure d’affluence.',
      },
      {
        key: 'expectedEvidence',
        label: 'Preuves attendues',
        hint: 'une par ligne',
        aliases: ['preuves', 'elements de preuve'],
        type: 'lines',
        width: 50,
        help: 'Documents qui prouvent l’engagement, un par ligne de la cellule (Alt+Entrée dans Excel).',
        example: 'Charte d’accueil affichée\nPlanning de formation des agents',
      },
      { key: 'weight', label: 'Poids', type: 'number', width: 8, help: 'Poids dans le taux de conformité : nombre positif, 1 par défaut (0,5 accepté).', example: '1' },
      {
        key: 'services',
        label: 'Services concernés',
        hint: 'slugs séparés par des virgules ; vide = tous',
        aliases: ['services'],
        type: 'slugs',
        width: 30,
        help: 'Identifiants (slugs) des services auxquels l’engagement s’applique, séparés par des virgules ; vide = tous les services.',
        example: 'accueil-etat-civil, cabinet-du-maire',
      },
    ],
  },
  {
    kind: 'indicator',
    name: 'Indicateurs',
    aliases: ['indicateur'],
    type: 'indicateur',
    columns: [
      {
        key: 'criterion',
        label: 'Engagement',
        hint: 'code',
        aliases: ['code engagement', 'code de l engagement'],
        type: 'code',
        required: true,
        width: 12,
        help: 'Code de l’engagement mesuré, tel qu’écrit dans la feuille Engagements.',
        example: 'SPP-02',
      },
      code('Code de l’indicateur, unique dans le référentiel.', 'SPP-02-I1'),
      title('name', 'Nom de l’indicateur.', 'Taux de décroché des appels'),
      { key: 'unit', label: 'Unité', type: 'unit', required: true, width: 14, help: 'pourcentage, jours, minutes, secondes ou nombre.', example: 'pourcentage' },
      { key: 'target', label: 'Cible', type: 'number', width: 8, help: 'Valeur visée (nombre, vide si aucune).', example: '85' },
      {
        key: 'direction',
        label: 'Sens',
        hint: 'hausse ou baisse',
        type: 'direction',
        required: true,
        width: 10,
        help: 'hausse : plus la valeur est haute, mieux c’est ; baisse : plus elle est basse, mieux c’est.',
        example: 'hausse',
      },
      { key: 'frequency', label: 'Fréquence', type: 'frequency', required: true, width: 14, help: 'mensuelle, trimestrielle, semestrielle ou annuelle.', example: 'mensuelle' },
    ],
  },
];

export const sheetOf = (kind: RowKind) => SHEETS.find((s) => s.kind === kind)!;
/** A column's title in the file (a sheet's column, by its key), as messages name it. */
export const columnLabel = (kind: RowKind, key: string) => sheetOf(kind).columns.find((c) => c.key === key)?.label ?? key;
export const GUIDE_SHEET = 'Mode d’emploi';
export const CSV_SHEET = 'Fichier CSV';
export const TYPE_LABEL = 'Type';

/** The CSV columns: « Type », then every column title once, in sheet order. */
export const CSV_COLUMNS: string[] = [TYPE_LABEL, ...new Set(SHEETS.flatMap((s) => s.columns.map((c) => c.label)))];

export const headerOf = (column: Column) => (column.hint ? `${column.label} (${column.hint})` : column.label);

/** "Mode d’évaluation (note)" and "mode d'evaluation" are the same title. */
export function normalizeTitle(text: string): string {
  return text
    .replace(/\([^)]*\)/g, ' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export const ENUMS = {
  source: { values: ['qualivilles', 'marianne', 'services-publics-plus', 'local'], message: 'source inconnue (attendu : qualivilles, marianne, services-publics-plus ou local)' },
  unit: { values: ['pourcentage', 'jours', 'minutes', 'secondes', 'nombre'], message: 'unité inconnue (attendu : pourcentage, jours, minutes, secondes ou nombre)' },
  direction: { values: ['higher', 'lower'], message: 'sens inconnu (attendu : hausse ou baisse)' },
  frequency: { values: ['mensuelle', 'trimestrielle', 'semestrielle', 'annuelle'], message: 'fréquence inconnue (attendu : mensuelle, trimestrielle, semestrielle ou annuelle)' },
} as const;

/** Other spellings accepted on input, compared after normalizeValue. */
export const ENUM_ALIASES: Record<keyof typeof ENUMS, Record<string, string>> = {
  source: { 'services publics': 'services-publics-plus', qualiville: 'qualivilles' },
  unit: { '%': 'pourcentage', jour: 'jours', minute: 'minutes', seconde: 'secondes' },
  direction: { hausse: 'higher', baisse: 'lower', 'a la hausse': 'higher', 'a la baisse': 'lower' },
  frequency: { mensuel: 'mensuelle', trimestriel: 'trimestrielle', semestriel: 'semestrielle', annuel: 'annuelle' },
};

/** "Services Publics +", "services-publics-plus" and "SERVICES PUBLICS PLUS" are the same value. */
export function normalizeValue(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\+/g, ' plus ')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

/** How the writer spells a stored value. */
export const DIRECTION_LABEL: Record<string, string> = { higher: 'hausse', lower: 'baisse' };

/** French names of the fields a preview lists as changing. */
export const FIELD_LABELS: Record<RowKind, Record<string, string>> = {
  referential: { name: 'Intitulé', version: 'Version', source: 'Source', description: 'Description' },
  theme: { title: 'Intitulé', order: 'Ordre' },
  criterion: {
    title: 'Intitulé',
    description: 'Description',
    guidance: 'Mode d’évaluation',
    expectedEvidence: 'Preuves attendues',
    weight: 'Poids',
    order: 'Position dans le thème',
    theme: 'Thème',
    applicableServices: 'Services concernés',
  },
  indicator: { name: 'Intitulé', unit: 'Unité', target: 'Cible', direction: 'Sens', frequency: 'Fréquence', criterion: 'Engagement' },
};

export const LIMITS = { bytes: 5 * 1024 * 1024, rows: 5000 } as const;

import fs from 'node:fs';
import path from 'node:path';
import { cmsDir } from './paths';

/**
 * Strapi ships a partial French translation of its admin panel: every upgrade adds English strings.
 * `cms/src/admin/translations/fr-complements.json` fills the gaps; this module tells which keys the
 * installed Strapi would still show in English, so an upgrade fails the tests instead of the staff
 * discovering English screens.
 *
 * `npx tsx database/admin-translations.ts` prints the keys still missing (exit code 1 if any).
 */

type Messages = Record<string, string>;

export interface TranslationSource {
  /** Package holding the translations. */
  pkg: string;
  /** Folder of `en.json.js` / `fr.json.js` inside the package. */
  dir: string;
  /**
   * What the admin app puts before each key: plugins register their messages through
   * `prefixPluginTranslations(data, pluginId)`, i.e. `<pluginId>.<key>`; the admin's own are bare.
   */
  prefix: string;
}

/** Every installed package with admin translations (checked against node_modules by `unknownSources`). */
export const SOURCES: TranslationSource[] = [
  { pkg: '@strapi/admin', dir: 'dist/admin/admin/src/translations', prefix: '' },
  { pkg: '@strapi/content-manager', dir: 'dist/admin/translations', prefix: 'content-manager.' },
  { pkg: '@strapi/content-releases', dir: 'dist/admin/translations', prefix: 'content-releases.' },
  { pkg: '@strapi/content-type-builder', dir: 'dist/admin/translations', prefix: 'content-type-builder.' },
  { pkg: '@strapi/email', dir: 'dist/admin/translations', prefix: 'email.' },
  { pkg: '@strapi/i18n', dir: 'dist/admin/translations', prefix: 'i18n.' },
  { pkg: '@strapi/plugin-users-permissions', dir: 'dist/admin/translations', prefix: 'users-permissions.' },
  { pkg: '@strapi/review-workflows', dir: 'dist/admin/translations', prefix: 'review-workflows.' },
  { pkg: '@strapi/upload', dir: 'dist/admin/translations', prefix: 'upload.' },
];

/**
 * Keys whose French text is rightly the same as the English one. Keyed by the full (prefixed) key,
 * so a new English string with the same words is still reported.
 */
export const SAME_IN_FRENCH = new Set<string>([
  // Words spelled the same in French.
  'Documentation',
  'global.documentation',
  'global.plugins.documentation',
  'app.components.BlockLink.blog',
  'Settings.apiTokens.ListView.headers.description',
  'Settings.adminTokens.ListView.headers.description',
  'Settings.tokens.ListView.headers.description',
  'Settings.tokens.form.description',
  'global.description',
  'content-manager.containers.edit-settings.modal-form.description',
  'content-manager.form.Input.description',
  'Settings.apiTokens.createPage.permissions.title',
  'Settings.application.customization.carousel.title', // « Logo »
  'Settings.application.customization.modal.pending.card-badge', // « image »
  'components.Blocks.blocks.image',
  'content-type-builder.form.attribute.media.allowed-types.option-images',
  'Settings.application.customization.modal.upload.from-url.input-label', // « URL »
  'Settings.permissions.auditLogs.action',
  'Settings.permissions.auditLogs.date',
  'Settings.webhooks.list.th.actions',
  'global.actions',
  'Settings.sessions.actions',
  'global.type',
  'app.components.ConfirmDialog.title', // « Confirmation »
  'content-manager.popUpWarning.warning.has-draft-relations.title',
  'i18n.actions.delete.dialog.title',
  'i18n.CMEditViewCopyLocale.dialog.title',
  'content-manager.history.sidebar.title', // « Versions »
  'content-type-builder.attribute.date',
  'content-type-builder.attribute.relation',
  'content-type-builder.media.multiple',
  'content-type-builder.form.attribute.condition.title',
  'content-type-builder.form.attribute.condition.label',
  'content-type-builder.form.attribute.condition.action',
  'content-releases.modal.form.input.label.date',
  'content-releases.page.ReleaseDetails.table.header.label.action',
  'content-releases.page.ReleaseDetails.table.header.label.locale',
  'content-releases.pages.ReleaseDetails.groupBy.option.locales',
  'content-releases.pages.ReleaseDetails.groupBy.option.actions',
  'i18n.Settings.locales.modal.create.code.label', // « Locales »
  'i18n.CMEditViewCopyLocale.dialog.field.label', // « Locale »
  'users-permissions.PopUpForm.Email.options.message.label',
  'users-permissions.Email.template.table.action.label',
  'content-manager.form.Input.hint.text', // only arguments, and « min. » / « max. »
  'upload.modal.file-details.date',
  'upload.modal.file-details.dimensions',
  'upload.asset-details.dimensions',
  'upload.modal.file-details.extension',
  'upload.asset-details.extension',
  'upload.list.table.header.actions',
  'upload.list.table.header.ext',
  'upload.list.filters.field.type',
  'upload.list.filters.type.audio',
  'upload.list.filters.type.document',
  'upload.settings.section.audio.label',
  'content-manager.preview.device.mobile',
  'components.Wysiwyg.blocks.code',
  'email.Settings.email.plugin.title',
  'email.Settings.email.plugin.title.config', // « Configuration »
  'Settings.application.header', // « Application »
  'i18n.actions.publish.dialog.title', // « Confirmation »
  'i18n.Settings.locales.modal.locales.label', // « Locales »
  'form.attribute.condition.section', // « Conditions »
  'upload.table.header.actions',
  // Technical terms the French admin keeps as they are.
  'Settings.webhooks.title',
  'Settings.webhooks.singular',
  'widget.key-statistics.list.webhooks',
  'content-type-builder.attribute.json',
  'content-type-builder.attribute.uid',
  'i18n.Settings.locales.row.id',
  'components.Blocks.popover.link.rel.placeholder', // HTML values: noopener, nofollow…
  'components.Blocks.popover.link.target.placeholder', // HTML values: _blank, _self…
  'email.Settings.capabilities.feature.dkim',
  'email.Settings.capabilities.feature.oauth2',
  'upload.asset-details.crop.focal-x-axis', // « X »
  'upload.asset-details.crop.focal-y-axis', // « Y »
  'http://www.client-app.com', // an example URL used as its own id
  'null', // the JSON value, offered as a default
  'upload.settings.section.csv.label',
  'upload.settings.section.pdf.label',
  'upload.settings.section.xls.label',
  'upload.settings.section.zip.label',
  // Ids Strapi's code uses as placeholders, never meant to be read.
  'FIXME',
  'Zone pour plugins', // already French
  // Brand and product names.
  'app.components.BlockLink.cloud',
  'global.plugins.graphql',
  'global.plugins.sentry',
]);

export interface Untranslated {
  key: string;
  english: string;
}

export interface TranslationReport {
  /** Keys the French admin would show in English. */
  untranslated: Untranslated[];
  /** Complement or allow-list keys the installed Strapi no longer has (harmless, but dead text to prune). */
  stale: string[];
  /** Complements whose ICU arguments or rich-text tags differ from the English message. */
  placeholderMismatches: { key: string; english: string[]; french: string[] }[];
  /** Packages with admin translations that SOURCES does not know (a plugin added by an upgrade). */
  unknownSources: string[];
  /** Number of English messages checked per package (its en.json, plus ids found only in its code). */
  counts: Record<string, number>;
}

const complementsFile = path.join(cmsDir, 'src', 'admin', 'translations', 'fr-complements.json');

export function readComplements(file = complementsFile): Messages {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Messages;
}

function packageDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/package.json`, { paths: [cmsDir] }));
}

/** The compiled translation modules are CommonJS with the messages as default export. */
function loadMessages(file: string): Messages {
  if (!fs.existsSync(file)) return {};
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a compiled file found at run time
  const mod = require(file) as { default?: Messages };
  return mod.default ?? (mod as Messages);
}

export function loadSource(source: TranslationSource): { en: Messages; fr: Messages } {
  const dir = path.join(packageDir(source.pkg), source.dir);
  const en = loadMessages(path.join(dir, 'en.json.js'));
  if (!Object.keys(en).length) throw new Error(`Traductions anglaises introuvables pour ${source.pkg} dans ${dir}`);
  return { en, fr: loadMessages(path.join(dir, 'fr.json.js')) };
}

/** Installed @strapi packages that ship an `en.json.js` admin translation not covered by SOURCES. */
export function findUnknownSources(): string[] {
  const scopeDir = path.dirname(packageDir('@strapi/admin'));
  const known = new Set(SOURCES.map((s) => path.join(packageDir(s.pkg), s.dir)));
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 6) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules') continue;
      const sub = path.join(dir, entry.name);
      if (entry.name === 'translations' && fs.existsSync(path.join(sub, 'en.json.js'))) {
        if (!known.has(sub)) found.push(path.relative(scopeDir, sub));
      } else walk(sub, depth + 1);
    }
  };
  for (const pkg of fs.readdirSync(scopeDir)) {
    const adminDist = path.join(scopeDir, pkg, 'dist', 'admin');
    if (fs.existsSync(adminDist)) walk(adminDist, 0);
  }
  return found.sort();
}

/**
 * Messages that exist only in Strapi's code: `formatMessage({ id, defaultMessage })` calls whose id is in
 * no `en.json` (Strapi forgot it, or looks up a key without its plugin prefix). The French admin shows
 * their English default unless a complement provides the id. Read from the compiled `.mjs` modules.
 */
/** The value of a JavaScript string literal as the compiler writes them ('…', "…" or `…` without interpolation). */
function jsString(literal: string): string {
  const body = literal.slice(1, -1);
  if (literal[0] === '`') return body;
  return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/(^|[^\\])"/g, '$1\\"')}"`) as string;
}

export function scanCodeMessages(source: TranslationSource): Map<string, string> {
  const found = new Map<string, string>();
  const pluginId = source.prefix.replace(/\.$/, '');
  const call =
    /\b(?:id|labelId):\s*(?:'([^']+)'|"([^"]+)"|`([^`]+)`|(\w+)\(\s*'([^']+)'\s*\))\s*,\s*defaultMessage:\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`$]*`)/g;
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'translations') walk(file);
      } else if (entry.name.endsWith('.mjs')) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(call)) {
          // getTrad('x') / getTranslation('x') / getTranslationKey('x') all return `<pluginId>.x`.
          const id = m[5] !== undefined ? source.prefix + m[5] : (m[1] ?? m[2] ?? m[3]).replace(/\$\{(?:PLUGIN_ID|pluginId)\}/g, pluginId);
          if (id.includes('${') || found.has(id)) continue;
          found.set(id, jsString(m[6]));
        }
      }
    }
  };
  walk(path.join(packageDir(source.pkg), 'dist', 'admin'));
  return found;
}

/** A message with no word left once arguments and tags are removed (« {firstname} {lastname} », « / »). */
function hasNoWords(message: string): boolean {
  const stripped = message.replace(/<\/?\w+>/g, '').replace(/\{\s*[\w.-]+\s*\}/g, '');
  return !/\p{L}{2,}/u.test(stripped);
}

type IcuElement = { type: number; value?: string; options?: Record<string, { value: IcuElement[] }>; children?: IcuElement[] };
type IcuParse = (message: string) => IcuElement[];

let icuParse: IcuParse | undefined;
/** The ICU parser react-intl uses in the admin, resolved through Strapi's own dependencies. */
function parser(): IcuParse {
  if (!icuParse) {
    const file = require.resolve('@formatjs/icu-messageformat-parser', { paths: [packageDir('@strapi/admin')] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved from @strapi/admin's folder, not ours
    icuParse = (require(file) as { parse: IcuParse }).parse;
  }
  return icuParse;
}

/** Argument and tag names a message uses: a translation must keep exactly the same ones. */
export function placeholders(message: string): string[] {
  const names = new Set<string>();
  const visit = (elements: IcuElement[]): void => {
    for (const el of elements) {
      // 0 = literal, 7 = pound (#): no name. Tags (8) and every argument kind carry `value`.
      if (el.type !== 0 && el.type !== 7 && el.value) names.add(el.type === 8 ? `<${el.value}>` : el.value);
      for (const option of Object.values(el.options ?? {})) visit(option.value);
      if (el.children) visit(el.children);
    }
  };
  visit(parser()(message));
  return [...names].sort();
}

function comparePlaceholders(english: string, french: string): { english: string[]; french: string[] } | undefined {
  let actual: string[];
  try {
    actual = placeholders(french);
  } catch {
    return { english: [], french: ['(message ICU invalide)'] };
  }
  let expected: string[];
  try {
    expected = placeholders(english);
  } catch {
    // A few English messages are not valid ICU (react-intl then shows them raw): the French only has to be valid.
    return undefined;
  }
  return expected.join('|') === actual.join('|') ? undefined : { english: expected, french: actual };
}

export function checkAdminTranslations(complements: Messages = readComplements()): TranslationReport {
  const report: TranslationReport = { untranslated: [], stale: [], placeholderMismatches: [], unknownSources: findUnknownSources(), counts: {} };
  const english: Messages = {};
  const french: Messages = {};
  for (const source of SOURCES) {
    const { en, fr } = loadSource(source);
    report.counts[source.pkg] = Object.keys(en).length;
    for (const [key, message] of Object.entries(en)) if (typeof message === 'string') english[source.prefix + key] = message;
    for (const [key, message] of Object.entries(fr)) if (typeof message === 'string') french[source.prefix + key] = message;
  }
  // Ids only found in code are looked up in the same merged table as the others.
  for (const source of SOURCES) {
    for (const [id, message] of scanCodeMessages(source)) {
      if (english[id] !== undefined) continue;
      english[id] = message;
      report.counts[source.pkg] += 1;
    }
  }
  for (const [key, message] of Object.entries(english)) {
    // A key missing in French falls back to the English (default) message.
    const shown = complements[key] ?? french[key] ?? message;
    if (shown === message && !SAME_IN_FRENCH.has(key) && !hasNoWords(message)) report.untranslated.push({ key, english: message });
    if (complements[key] !== undefined) {
      const mismatch = comparePlaceholders(message, complements[key]);
      if (mismatch) report.placeholderMismatches.push({ key, ...mismatch });
    }
  }
  report.stale = [...Object.keys(complements), ...SAME_IN_FRENCH].filter((k) => english[k] === undefined);
  return report;
}

function main(): void {
  const report = checkAdminTranslations();
  const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
  console.log(`${total} messages anglais vérifiés dans ${Object.keys(report.counts).length} paquets Strapi.`);
  for (const { key, english } of report.untranslated) console.log(`Non traduit : ${key} = ${JSON.stringify(english)}`);
  for (const m of report.placeholderMismatches) {
    console.log(`Variables différentes : ${m.key} (anglais : ${m.english.join(', ') || 'aucune'} ; français : ${m.french.join(', ') || 'aucune'})`);
  }
  for (const dir of report.unknownSources) console.log(`Traductions d'un paquet non suivi : ${dir} (à ajouter à SOURCES)`);
  for (const key of report.stale) console.log(`Clé inutilisée (à retirer de fr-complements.json ou de SAME_IN_FRENCH) : ${key}`);
  const failed = report.untranslated.length + report.placeholderMismatches.length + report.unknownSources.length;
  console.log(failed ? `${failed} problème(s) à corriger.` : 'Tout le panneau d’administration est en français.');
  process.exit(failed ? 1 : 0);
}

if (require.main === module) main();

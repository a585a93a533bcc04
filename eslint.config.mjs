// One ESLint for the whole repository (`npm run lint`): typescript-eslint's recommended rules, the
// hooks rules on both React apps, and the direction of imports (no cycle, no forbidden folder), which
// is what keeps features, layers and the admin plugin's two sides apart.
import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { cmsLayerZones } from './eslint/cms-layers.mjs';

const root = import.meta.dirname;
const folders = (dir) =>
  fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

/** Each feature folder of `dir` may import itself, not a sibling feature. */
const featureZones = (dir, features, message) =>
  features.map((feature) => ({ target: `./${dir}/${feature}`, from: `./${dir}`, except: [`./${feature}`], message }));

// front/src: app (router, layouts, screens that combine features) → features → shared (lib, components, hooks).
const FRONT = 'front/src';
const FRONT_SHARED = ['lib', 'components', 'hooks'].map((f) => `./${FRONT}/${f}`);
const frontZones = [
  ...featureZones(
    `${FRONT}/features`,
    folders(`${FRONT}/features`),
    'A feature never imports another one: move what both need to front/src/lib (or components/, hooks/), or compose the screen in front/src/app.',
  ),
  { target: `./${FRONT}/features`, from: `./${FRONT}/app`, message: 'A feature never imports the app layer: the app composes features, not the other way round.' },
  { target: FRONT_SHARED, from: [`./${FRONT}/features`, `./${FRONT}/app`], message: 'Shared front code (lib, components, hooks) imports no feature and no app code.' },
];

// admin-extensions: the plugin's admin side (browser) and server side (Strapi) meet only over HTTP.
// Inside admin/src, pages/ and index.ts compose the feature folders; lib/ and translations/ are shared.
const ADMIN = 'admin-extensions/admin/src';
const ADMIN_SHARED = ['lib', 'translations'];
const ADMIN_COMPOSERS = ['pages'];
const adminFeatures = folders(ADMIN).filter((f) => !ADMIN_SHARED.includes(f) && !ADMIN_COMPOSERS.includes(f));
const adminZones = [
  { target: './admin-extensions/admin/src', from: './admin-extensions/server/src', message: 'The admin panel code never imports the plugin server: they talk over HTTP.' },
  { target: './admin-extensions/server/src', from: './admin-extensions/admin/src', message: 'The plugin server never imports the admin panel code.' },
  ...featureZones(ADMIN, adminFeatures, 'An admin feature folder imports itself, admin/src/lib and translations/ only: shared code goes to lib/, pages/ composes features.').map((zone) => ({
    ...zone,
    // A feature may import the shared folders, not pages/ nor the entry point (they compose features).
    except: [...zone.except, ...ADMIN_SHARED.map((f) => `./${f}`)],
  })),
  {
    target: ADMIN_SHARED.map((f) => `./${ADMIN}/${f}`),
    from: [...adminFeatures, ...ADMIN_COMPOSERS].map((f) => `./${ADMIN}/${f}`),
    message: 'admin/src/lib and translations/ import no feature folder and no page.',
  },
];

const TS = ['**/*.{ts,tsx,mts,cts}'];
/** Where import cycles are looked for (every TS source the project owns). */
const CYCLE_SCOPE = ['cms/src/**', 'front/src/**', 'admin-extensions/*/src/**', 'database/**', 'test/**'].map((dir) => `${dir}/*.{ts,tsx}`);
const REACT = ['front/src/**/*.{ts,tsx}', 'admin-extensions/admin/src/**/*.{ts,tsx}', 'cms/src/admin/**/*.{ts,tsx}', 'test/front/**/*.{ts,tsx}'];

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      '**/.tmp/**',
      '**/.cache/**',
      '**/.strapi/**',
      'coverage/**',
      'test/artifacts/**',
      'cms/types/generated/**',
      'cms/public/**',
      'database/.data/**',
      'backups/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },
  {
    // CommonJS files (Strapi's entry, Jest configs, the cms child process of the tests).
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['front/src/**', 'admin-extensions/admin/src/**', 'cms/src/admin/**', 'test/front/**', 'test/e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: TS,
    rules: {
      // `_`-prefixed names are the deliberate "unused" (a callback's slot, a destructured-away field).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // TypeScript reports undefined names itself, with the types' knowledge (DOM, Node, Jest globals).
      'no-undef': 'off',
    },
  },

  {
    // Tests read untyped JSON (supertest's `res.body` is `any`) and knex rows, and bend fixtures on
    // purpose: `any` there is the honest type until the contract workspace types the payloads. In the
    // product code it stays an error; the cms's knex rows at Strapi's boundary deserve one named type.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  {
    // The browser bundles take the contract's types and constants, never its zod schemas (their
    // runtime would weigh on every page): the schemas are for the cms and the tests.
    files: ['front/src/**/*.{ts,tsx}', 'admin-extensions/admin/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: '@charte/contract/schemas', allowTypeImports: true, message: 'Import the types from @charte/contract: the zod schemas stay out of the browser bundles.' }] },
      ],
    },
  },

  {
    // rules-of-hooks, exhaustive-deps and the React Compiler's checks (set-state-in-effect, refs, purity…).
    ...reactHooks.configs.flat.recommended,
    files: REACT,
  },

  {
    files: TS,
    plugins: { 'import-x': importX },
    settings: {
      // How import-x reads the files it follows (the dependency graph), as its own typescript preset.
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          alwaysTryTypes: true,
          noWarnOnMultipleProjects: true,
          project: [
            'cms/tsconfig.json',
            'cms/src/admin/tsconfig.json',
            'front/tsconfig.json',
            'admin-extensions/tsconfig.json',
            'admin-extensions/admin/tsconfig.json',
            'test/tsconfig.json',
          ],
        }),
        createNodeResolver(),
      ],
    },
    rules: {
      // An import that does not resolve would be invisible to the two rules below.
      'import-x/no-unresolved': ['error', { ignore: ['\\.css$'] }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: [...frontZones, ...adminZones, ...cmsLayerZones] }],
    },
  },
  {
    files: CYCLE_SCOPE,
    rules: {
      // A cycle of modules (import-x skips `import type`, erased at build: folder direction, types
      // included, is what the zones above hold).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);

// Lint rules, including the import table of DESIGN §2: which runtime may import what.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Each rule of the import table is a regular expression over an import's path as written (case-sensitive, whole
// path segments), with the reason lint prints. The same list checks static imports, `export … from`, dynamic
// `import()` and `import('…')` types, so a layer cannot reach by one what it may not reach by the other.

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const oneOf = (names) => `(?:${names.map(escape).join('|')})`;
/** A forbidden import: any path matching `regex`. */
const deny = (regex, message) => ({ regex, message });
/** An allow-list: any path that is not relative and names none of `libraries` (a package and its subpaths). */
const onlyLibraries = (libraries, message) => deny(`^(?!\\.{1,2}/|${oneOf(Object.keys(libraries))}(?:/|$))`, message);

const node = deny(
  `^(?:node:.*|${oneOf(builtinModules.filter((m) => !m.startsWith('_')))})$`,
  'Node built-ins are not available in this layer (DESIGN §2).',
);
const electronPkg = deny(
  '^electron(?:/|$)',
  'Only electron/main and electron/preload may import electron (DESIGN §2).',
);
const nativeAndServer = deny(
  `^(?:${oneOf(['better-sqlite3', 'socket.io', 'pg', 'redis', 'ws'])}(?:/|$)|@socket\\.io/)`,
  'Storage and network libraries belong to electron/core or server (DESIGN §2).',
);
const uiLibs = deny(
  `^${oneOf(['react', 'react-dom', 'zustand', 'maplibre-gl', 'frappe-gantt', 'pmtiles'])}(?:/|$)`,
  'UI libraries belong to renderer/ (DESIGN §2).',
);
const intoRenderer = deny('(?:^|/)renderer(?:/|$)', 'Nothing imports the renderer (DESIGN §2).');
const intoServer = deny(
  '(?:^|/)server(?:/|$)',
  'The server is a separate process; share code through shared/ (DESIGN §2).',
);
const intoElectron = deny('(?:^|/)electron/', 'This layer may not import electron/ code (DESIGN §2).');

/**
 * The libraries shared/ may import, each pure (no Node, DOM or I/O) and named here on purpose. Anything else — a
 * network client, a Node package, even one whose types look harmless (undici's would switch Node's types on for
 * all of shared/) — is refused.
 */
const SHARED_LIBRARIES = {
  zod: 'the schemas checked at every door',
  fflate: 'zip, for reading and writing XLSX in shared/io; pure JavaScript, no Node or DOM',
  papaparse: 'CSV parsing in shared/io (strings only); pure JavaScript, no Node or DOM',
};
/** What test helpers in shared/ (`*.testing.ts`) may import besides: the test tools. */
const TEST_LIBRARIES = { vitest: 'the test runner', 'fast-check': 'property-based tests' };
const sharedOnly = (libraries) =>
  onlyLibraries(
    libraries,
    `shared/ is pure: it imports relative paths and ${Object.keys(libraries).join(', ')} only (DESIGN §2).`,
  );

// The renderer's own layers (README, Architecture): features → services → api, with store, ui and i18n beside.
const intoApp = deny(
  '(?:^|/)app/',
  'Only the app shell and the entry point import app/: features reach core through services/ (DESIGN §2, README Architecture).',
);
const featureInternals = deny(
  '(?:^|/)features/[^/]+/(?!index\\.js$)[^/]',
  'A feature is reached only through what its index.ts exports (DESIGN §2, README Architecture).',
);
const siblingFeatureInternals = deny(
  '^\\.\\./(?!\\.\\.?/)[^/]+/(?!index\\.js$)[^/]',
  'Another feature is reached only through what its index.ts exports; shared helpers belong in ui/ or shared/ (DESIGN §2, README Architecture).',
);
const intoFeatures = deny(
  '(?:^|/)features/',
  'Services, the store, ui/ and i18n/ sit under the features and never import them (DESIGN §2, README Architecture).',
);

const renderer = [node, electronPkg, nativeAndServer, intoServer, intoElectron];

/** Static imports and `export … from`, and `import()` and `import('…')` types, against the same list. */
const layers = {
  rules: {
    'no-restricted-dynamic-import': {
      meta: {
        type: 'problem',
        docs: { description: 'the import table for import() expressions and import types' },
        schema: [{ type: 'array', items: { type: 'object' } }],
      },
      create(context) {
        const table = (context.options[0] ?? []).map((r) => ({ re: new RegExp(r.regex, 'u'), message: r.message }));
        const check = (node, source) => {
          const path =
            source?.type === 'Literal' && typeof source.value === 'string'
              ? source.value
              : source?.type === 'TemplateLiteral' && source.expressions.length === 0
                ? source.quasis[0].value.cooked
                : null;
          if (path === null) {
            context.report({
              node,
              message: 'A computed import() cannot be checked against the import table (DESIGN §2).',
            });
            return;
          }
          const hit = table.find((r) => r.re.test(path));
          if (hit)
            context.report({
              node,
              message: `'${path}' import() is restricted from being used by a pattern. ${hit.message}`,
            });
        };
        return {
          ImportExpression: (node) => check(node, node.source),
          TSImportType: (node) => check(node, node.argument?.literal ?? node.argument),
        };
      },
    },
  },
};

/** One entry of the import table: the files it covers, and what they must not import. */
function forbid(files, table, ignores = ['**/*.test.ts', '**/*.test.tsx']) {
  const patterns = table.map((r) => ({ ...r, caseSensitive: true }));
  return {
    files,
    ignores,
    plugins: { layers },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
      'layers/no-restricted-dynamic-import': ['error', table],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'server/node_modules/**',
      'dist/**',
      'out/**',
      'release/**',
      'coverage/**',
      'tests/artifacts/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.es2023 } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: [
      'electron/**/*.ts',
      'server/**/*.ts',
      'scripts/**/*.{js,mjs,ts}',
      'tests/**/*.ts',
      '**/*.test.{ts,tsx}',
      '*.{js,mjs,ts}',
      'build/**/*.{js,mjs}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  forbid(
    ['shared/**/*.ts'],
    [sharedOnly(SHARED_LIBRARIES), intoRenderer, intoServer, intoElectron],
    ['**/*.test.ts', '**/*.testing.ts'],
  ),
  forbid(
    ['shared/**/*.testing.ts'],
    [sharedOnly({ ...SHARED_LIBRARIES, ...TEST_LIBRARIES }), intoRenderer, intoServer, intoElectron],
  ),
  forbid(['renderer/**/*.{ts,tsx}'], renderer),
  forbid(['renderer/src/features/**/*.{ts,tsx}'], [...renderer, intoApp, siblingFeatureInternals, featureInternals]),
  forbid(
    [
      'renderer/src/services/**/*.{ts,tsx}',
      'renderer/src/store/**/*.{ts,tsx}',
      'renderer/src/ui/**/*.{ts,tsx}',
      'renderer/src/i18n/**/*.{ts,tsx}',
      'renderer/src/api/**/*.{ts,tsx}',
    ],
    [...renderer, intoApp, intoFeatures],
  ),
  forbid(['renderer/src/app/**/*.{ts,tsx}', 'renderer/src/*.{ts,tsx}'], [...renderer, featureInternals]),
  forbid(
    ['electron/core/**/*.ts', 'electron/webhost/**/*.ts'],
    [
      electronPkg,
      uiLibs,
      intoRenderer,
      intoServer,
      deny('(?:^|/)(?:main|preload)/', 'core and the web host never import the Electron shell (DESIGN §2).'),
    ],
  ),
  forbid(['server/**/*.ts'], [electronPkg, uiLibs, intoRenderer, intoElectron]),
  forbid(
    ['electron/main/**/*.ts'],
    [uiLibs, intoRenderer, intoServer, deny('(?:^|/)preload/', 'main does not import preload code (DESIGN §2).')],
  ),
  forbid(
    ['electron/preload/**/*.ts'],
    [
      deny(
        '^(?!electron$|(?:\\.\\./)+shared/ipc/(?:bridge|channels)(?:\\.js)?$)',
        "preload exposes the bridge only: it imports electron and shared/ipc's bridge and channel definitions (DESIGN §2).",
      ),
    ],
  ),
);

// Lint rules, including the import table of DESIGN §2: which runtime may import what.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Exact names, not patterns: a bare pattern such as 'domain' would also match a folder called domain.
const nodeBuiltinPaths = builtinModules
  .filter((m) => !m.startsWith('_'))
  .map((name) => ({ name, message: 'Node built-ins are not available in this layer (DESIGN §2).' }));

/** One entry of the import table: a folder, and what it must not import, with the reason shown in lint output. */
function forbid(files, rules) {
  return {
    files,
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: rules.patterns.includes(node) ? nodeBuiltinPaths : [],
          patterns: rules.patterns,
        },
      ],
    },
  };
}

const node = { group: ['node:*'], message: 'Node built-ins are not available in this layer (DESIGN §2).' };
const electronPkg = {
  group: ['electron', 'electron/*'],
  message: 'Only electron/main and electron/preload may import electron (DESIGN §2).',
};
const nativeAndServer = {
  group: ['better-sqlite3', 'socket.io', 'pg', 'redis', '@socket.io/*', 'ws'],
  message: 'Storage and network libraries belong to electron/core or server (DESIGN §2).',
};
const uiLibs = {
  group: [
    'react',
    'react/*',
    'react-dom',
    'react-dom/*',
    'zustand',
    'zustand/*',
    'maplibre-gl',
    'frappe-gantt',
    'pmtiles',
  ],
  message: 'UI libraries belong to renderer/ (DESIGN §2).',
};
const intoRenderer = { group: ['**/renderer/**', '**/renderer'], message: 'Nothing imports the renderer (DESIGN §2).' };
const intoServer = {
  group: ['**/server/**', '**/server'],
  message: 'The server is a separate process; share code through shared/ (DESIGN §2).',
};
const intoElectron = { group: ['**/electron/**'], message: 'This layer may not import electron/ code (DESIGN §2).' };
const intoCore = {
  group: ['**/core/**', '**/electron/core/**'],
  message: 'This layer may not import electron/core (DESIGN §2).',
};

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
  forbid(['shared/**/*.ts'], {
    patterns: [node, electronPkg, nativeAndServer, uiLibs, intoRenderer, intoServer, intoElectron],
  }),
  forbid(['renderer/**/*.{ts,tsx}'], {
    patterns: [node, electronPkg, nativeAndServer, intoServer, intoElectron],
  }),
  forbid(['electron/core/**/*.ts', 'electron/webhost/**/*.ts'], {
    patterns: [
      electronPkg,
      uiLibs,
      intoRenderer,
      intoServer,
      {
        group: ['**/main/**', '**/preload/**'],
        message: 'core and the web host never import the Electron shell (DESIGN §2).',
      },
    ],
  }),
  forbid(['server/**/*.ts'], {
    patterns: [electronPkg, uiLibs, intoRenderer, intoElectron],
  }),
  forbid(['electron/main/**/*.ts'], {
    patterns: [
      uiLibs,
      intoRenderer,
      intoServer,
      { group: ['**/preload/**'], message: 'main does not import preload code (DESIGN §2).' },
    ],
  }),
  forbid(['electron/preload/**/*.ts'], {
    patterns: [
      node,
      nativeAndServer,
      uiLibs,
      intoRenderer,
      intoServer,
      intoCore,
      { group: ['**/main/**', '**/webhost/**'], message: 'preload exposes the typed API only (DESIGN §2).' },
      {
        group: ['**/shared/**', '!**/shared/ipc', '!**/shared/ipc/**'],
        message: 'preload may import only the IPC contract from shared/ipc (DESIGN §2).',
      },
    ],
  }),
);

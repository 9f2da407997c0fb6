import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

// The import table of DESIGN §2 and the renderer's layers (README, Architecture), checked through the project's real
// ESLint configuration: each probe is a line of source linted as if it stood in the named file.
const eslint = new ESLint({ cwd: process.cwd() });
const RULES = new Set(['@typescript-eslint/no-restricted-imports', 'layers/no-restricted-dynamic-import']);

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && RULES.has(m.ruleId)).map((m) => m.message);
}

const use = (name: string) => `\nvoid ${name};\n`;
const dynamic = (path: string) => `export const load = () => import('${path}');\n`;

/** [file, source, the reason lint must give (null: allowed)] */
const cases: Array<[file: string, source: string, reason: RegExp | null]> = [
  // The renderer: browser code only.
  ['renderer/src/features/board/Board.tsx', "import { readFileSync } from 'node:fs';" + use('readFileSync'), /Node/],
  ['renderer/src/features/board/Board.tsx', "import fs from 'fs';" + use('fs'), /Node/],
  ['renderer/src/features/board/Board.tsx', "import Database from 'better-sqlite3';" + use('Database'), /Storage/],
  ['renderer/src/features/board/Board.tsx', "import { ipcRenderer } from 'electron';" + use('ipcRenderer'), /electron/],
  [
    'renderer/src/features/board/Board.tsx',
    "import { x } from '../../../../electron/core/cache';" + use('x'),
    /electron/,
  ],
  [
    'renderer/src/features/board/Board.tsx',
    "import { WorkOrder } from '../../../../shared/domain';" + use('WorkOrder'),
    null,
  ],
  ['renderer/src/features/board/Board.tsx', dynamic('node:fs'), /Node/],

  // A feature reaches core through services/, never app/; another feature only through its index.ts.
  [
    'renderer/src/features/board/Board.tsx',
    "import { useActions } from '../../app/context.js';" + use('useActions'),
    /app\//,
  ],
  ['renderer/src/features/board/Board.tsx', dynamic('../../app/App.js'), /app\//],
  [
    'renderer/src/features/board/Board.tsx',
    "import { useActions } from '../../services/index.js';" + use('useActions'),
    null,
  ],
  [
    'renderer/src/features/queue/Queue.tsx',
    "import { teamLabel } from '../board/model.js';" + use('teamLabel'),
    /index\.ts/,
  ],
  [
    'renderer/src/features/queue/Queue.tsx',
    "import { Board } from '../../features/board/Board.js';" + use('Board'),
    /index\.ts/,
  ],
  ['renderer/src/features/queue/Queue.tsx', dynamic('../board/paint.js'), /index\.ts/],
  [
    'renderer/src/features/order/OrderDetails.tsx',
    "import { useSheet } from '../io/index.js';" + use('useSheet'),
    null,
  ],
  ['renderer/src/features/queue/Queue.tsx', "import { queueRows } from './filter.js';" + use('queueRows'), null],
  [
    'renderer/src/features/queue/Queue.tsx',
    "import { teamLabel } from '../../ui/team-label.js';" + use('teamLabel'),
    null,
  ],
  // The app shell takes features through their index.ts; services, the store and ui/ never take them.
  ['renderer/src/app/App.tsx', "import { Board } from '../features/board/Board.js';" + use('Board'), /index\.ts/],
  ['renderer/src/app/App.tsx', "import { Board } from '../features/board/index.js';" + use('Board'), null],
  [
    'renderer/src/store/dispatch-slice.ts',
    "import type { GhostBar } from '../features/board/paint.js';" + use('0'),
    /features/,
  ],
  [
    'renderer/src/services/actions.ts',
    "import { Board } from '../features/board/index.js';" + use('Board'),
    /features/,
  ],
  ['renderer/src/ui/palette.ts', "import { x } from '../app/context.js';" + use('x'), /app\//],

  // shared/ is pure by allow-list: zod, the libraries named in the lint config, relative paths; nothing else.
  ['shared/domain/order.ts', "import { join } from 'node:path';" + use('join'), /shared\/ is pure/],
  ['shared/domain/order.ts', "import { create } from 'zustand';" + use('create'), /shared\/ is pure/],
  ['shared/domain/order.ts', "import { io } from 'socket.io-client';" + use('io'), /shared\/ is pure/],
  ['shared/domain/order.ts', "import { fetch } from 'undici';" + use('fetch'), /shared\/ is pure/],
  [
    'shared/domain/order.ts',
    "import type { Dispatcher } from 'undici';\nexport type D = Dispatcher;\n",
    /shared\/ is pure/,
  ],
  ['shared/domain/order.ts', "import 'undici';\n", /shared\/ is pure/],
  ['shared/domain/order.ts', dynamic('undici'), /shared\/ is pure/],
  ['shared/domain/order.ts', dynamic('node:fs'), /shared\/ is pure/],
  ['shared/domain/order.ts', "export type Fs = typeof import('node:fs');\n", /shared\/ is pure/],
  ['shared/domain/order.ts', 'export const load = (name: string) => import(name);\n', /computed import/],
  ['shared/domain/order.ts', "export { readFile } from 'node:fs/promises';\n", /shared\/ is pure/],
  ['shared/domain/order.ts', "import { App } from '../../renderer/src/app/App.js';" + use('App'), /renderer/],
  ['shared/domain/order.ts', "import { z } from 'zod';" + use('z'), null],
  ['shared/io/xlsx.ts', "import { unzipSync } from 'fflate';" + use('unzipSync'), null],
  ['shared/domain/order.ts', "import { Id } from './primitives.js';" + use('Id'), null],
  ['shared/domain/order.ts', dynamic('./primitives.js'), null],
  ['shared/domain/order.ts', "import fc from 'fast-check';" + use('fc'), /shared\/ is pure/],
  ['shared/dispatch/fixtures.testing.ts', "import fc from 'fast-check';" + use('fc'), null],
  [
    'shared/dispatch/fixtures.testing.ts',
    "import { readFileSync } from 'node:fs';" + use('readFileSync'),
    /shared\/ is pure/,
  ],

  // Node layers.
  ['electron/core/cache.ts', "import { app } from 'electron';" + use('app'), /electron/],
  ['electron/core/cache.ts', dynamic('electron'), /electron/],
  ['electron/core/cache.ts', "import Database from 'better-sqlite3';" + use('Database'), null],
  ['electron/core/cache.ts', "import { x } from '../../server/src/store';" + use('x'), /server/],
  ['server/src/index.ts', "import { BrowserWindow } from 'electron';" + use('BrowserWindow'), /electron/],
  ['server/src/index.ts', "import { createServer } from 'node:http';" + use('createServer'), null],
  ['electron/main/window.ts', "import { BrowserWindow } from 'electron';" + use('BrowserWindow'), null],
  ['electron/main/window.ts', "import { App } from '../../renderer/src/App';" + use('App'), /renderer/],

  // The preload: electron, and shared/ipc's bridge and channel definitions; nothing else.
  ['electron/preload/index.ts', "import { contextBridge } from 'electron';" + use('contextBridge'), null],
  [
    'electron/preload/index.ts',
    "import { IPC_CHANNELS } from '../../shared/ipc/channels.js';" + use('IPC_CHANNELS'),
    null,
  ],
  ['electron/preload/index.ts', "import type { DispatchConsoleBridge } from '../../shared/ipc/bridge.js';\n", null],
  ['electron/preload/index.ts', "import { readFile } from 'node:fs/promises';" + use('readFile'), /preload/],
  ['electron/preload/index.ts', "import { WorkOrder } from '../../shared/domain';" + use('WorkOrder'), /preload/],
  [
    'electron/preload/index.ts',
    "import { API_METHODS } from '../../shared/ipc/index.js';" + use('API_METHODS'),
    /preload/,
  ],
  ['electron/preload/index.ts', "import { z } from 'zod';" + use('z'), /preload/],
  ['electron/preload/index.ts', dynamic('node:child_process'), /preload/],
];

describe('import rules of DESIGN §2', () => {
  // Loading the configuration and parsers is the slow part, paid once here rather than by the first probe.
  beforeAll(() => importErrors('shared/domain/order.ts', "import { z } from 'zod';\nvoid z;\n"), 120_000);

  it.each(cases)('%s: %s → %s', async (file, source, reason) => {
    const errors = await importErrors(file, source);
    if (reason) {
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]).toMatch(/DESIGN §2/);
      expect(errors[0]).toMatch(reason);
    } else {
      expect(errors).toEqual([]);
    }
  });
});

const parsedFiles = new Map<string, ts.SourceFile | undefined>();

/** shared/'s typecheck of one more file, `probe`, beside the guard that Node's and the DOM's globals stay off. */
function sharedTypeErrors(probe: string): string[] {
  const { config } = ts.readConfigFile('shared/tsconfig.json', (f) => ts.sys.readFile(f));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, resolve('shared'));
  const probePath = resolve('shared/probe.ts');
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    if (name === probePath) return ts.createSourceFile(name, probe, language);
    if (!parsedFiles.has(name)) parsedFiles.set(name, read(name, language, ...rest));
    return parsedFiles.get(name);
  };
  const program = ts.createProgram([probePath, resolve('shared/runtime-globals.check.ts')], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe("shared/'s typecheck", () => {
  it('switches no runtime types on by itself', () => {
    const { config } = ts.readConfigFile('shared/tsconfig.json', (f) => ts.sys.readFile(f));
    expect(config.compilerOptions.types).toEqual([]);
    expect(config.compilerOptions.lib).toEqual(['ES2023']);
  });

  it('passes for pure code and fails when an import would switch Node types on (undici)', () => {
    expect(sharedTypeErrors('export const id = (s: string): string => s.trim();\n')).toEqual([]);
    const errors = sharedTypeErrors("import type { Dispatcher } from 'undici';\nexport type D = Dispatcher;\n");
    expect(errors).toContain("Unused '@ts-expect-error' directive.");
    // Two small programs of the compiler: seconds, more on a busy machine.
  }, 120_000);
});

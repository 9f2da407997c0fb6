import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import table of DESIGN §2, checked through the project's real ESLint configuration.
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

const cases: Array<[file: string, source: string, forbidden: boolean]> = [
  ['renderer/src/features/board/Board.tsx', "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n", true],
  ['renderer/src/features/board/Board.tsx', "import fs from 'fs';\nvoid fs;\n", true],
  ['renderer/src/features/board/Board.tsx', "import Database from 'better-sqlite3';\nvoid Database;\n", true],
  ['renderer/src/features/board/Board.tsx', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n", true],
  ['renderer/src/features/board/Board.tsx', "import { x } from '../../../../electron/core/cache';\nvoid x;\n", true],
  [
    'renderer/src/features/board/Board.tsx',
    "import { WorkOrder } from '../../../../shared/domain';\nvoid WorkOrder;\n",
    false,
  ],
  ['shared/domain/order.ts', "import { join } from 'node:path';\nvoid join;\n", true],
  ['shared/domain/order.ts', "import { create } from 'zustand';\nvoid create;\n", true],
  ['shared/domain/order.ts', "import { z } from 'zod';\nvoid z;\n", false],
  ['electron/core/cache.ts', "import { app } from 'electron';\nvoid app;\n", true],
  ['electron/core/cache.ts', "import Database from 'better-sqlite3';\nvoid Database;\n", false],
  ['electron/core/cache.ts', "import { x } from '../../server/src/store';\nvoid x;\n", true],
  ['server/src/index.ts', "import { BrowserWindow } from 'electron';\nvoid BrowserWindow;\n", true],
  ['server/src/index.ts', "import { createServer } from 'node:http';\nvoid createServer;\n", false],
  ['electron/main/window.ts', "import { BrowserWindow } from 'electron';\nvoid BrowserWindow;\n", false],
  ['electron/main/window.ts', "import { App } from '../../renderer/src/App';\nvoid App;\n", true],
  ['electron/preload/index.ts', "import { contextBridge } from 'electron';\nvoid contextBridge;\n", false],
  ['electron/preload/index.ts', "import { readFile } from 'node:fs/promises';\nvoid readFile;\n", true],
  ['electron/preload/index.ts', "import { WorkOrder } from '../../shared/domain';\nvoid WorkOrder;\n", true],
  ['electron/preload/index.ts', "import { IPC_CHANNEL } from '../../shared/ipc';\nvoid IPC_CHANNEL;\n", false],
];

describe('import rules of DESIGN §2', () => {
  it.each(cases)('%s: %s → forbidden=%s', async (file, source, forbidden) => {
    const errors = await importErrors(file, source);
    if (forbidden) {
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]).toMatch(/DESIGN §2/);
    } else {
      expect(errors).toEqual([]);
    }
  });
});

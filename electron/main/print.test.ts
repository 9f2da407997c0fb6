import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';

const electron = vi.hoisted(() => ({
  answer: { canceled: false, filePath: '' as string | undefined },
  dialogCalls: [] as unknown[][],
}));
vi.mock('electron', () => ({
  BrowserWindow: { fromWebContents: () => ({ id: 1 }) },
  dialog: {
    showSaveDialog: (...args: unknown[]) => {
      electron.dialogCalls.push(args);
      return Promise.resolve(electron.answer);
    },
  },
}));

const { printToPdf } = await import('./print.js');

/** A page that prints a fixed PDF and remembers the options it was given. */
function page() {
  const calls: unknown[] = [];
  const contents = {
    printToPDF: (options: unknown) => {
      calls.push(options);
      return Promise.resolve(Buffer.from('%PDF-1.7 sheet'));
    },
  } as unknown as WebContents;
  return { contents, calls };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'print-'));
  electron.dialogCalls = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('print.toPdf in main', () => {
  it('asks where to save, prints the page with its print styles and writes the file', async () => {
    const target = join(dir, 'sheet.pdf');
    electron.answer = { canceled: false, filePath: target };
    const { contents, calls } = page();
    await expect(printToPdf({ fileName: 'Wang Lei 2026-07-06.pdf', landscape: false }, contents)).resolves.toEqual({
      path: target,
    });
    expect(electron.dialogCalls[0]![1]).toMatchObject({
      defaultPath: 'Wang Lei 2026-07-06.pdf',
      filters: [{ extensions: ['pdf'] }],
    });
    expect(calls).toEqual([{ landscape: false, pageSize: 'A4', printBackground: true, preferCSSPageSize: true }]);
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 sheet');
  });

  it('prints nothing when the dialog is cancelled', async () => {
    electron.answer = { canceled: true, filePath: undefined };
    const { contents, calls } = page();
    await expect(printToPdf({ fileName: 'x.pdf', landscape: true }, contents)).resolves.toBeNull();
    expect(calls).toEqual([]);
  });

  it('reports a file that cannot be written as unavailable, with the path', async () => {
    electron.answer = { canceled: false, filePath: join(dir, 'missing', 'sheet.pdf') };
    await expect(printToPdf({ fileName: 'x.pdf', landscape: false }, page().contents)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('missing'),
    });
  });
});

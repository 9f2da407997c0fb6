import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, type WebContents } from 'electron';
import { ApiError, type MethodArgs, type MethodResult } from '../../shared/ipc/index.js';

/**
 * `print.toPdf`: the page that asked, rendered with its print style sheet by Chromium, saved where the dispatcher
 * chooses. Main serves it because only main holds the page's WebContents; core never sees the call.
 */
export async function printToPdf(
  args: MethodArgs<'print.toPdf'> & { landscape: boolean },
  contents: WebContents,
): Promise<MethodResult<'print.toPdf'>> {
  const owner = BrowserWindow.fromWebContents(contents);
  const options = {
    title: 'Save as PDF',
    defaultPath: args.fileName,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  };
  const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return null;
  // Print backgrounds so priority chips and the SLA marks keep their colours; margins come from the page's @page rule.
  const pdf = await contents.printToPDF({
    landscape: args.landscape,
    pageSize: 'A4',
    printBackground: true,
    preferCSSPageSize: true,
  });
  try {
    await writeFile(choice.filePath, pdf);
  } catch (err) {
    throw new ApiError('unavailable', `could not save ${choice.filePath}: ${(err as Error).message}`);
  }
  return { path: choice.filePath };
}

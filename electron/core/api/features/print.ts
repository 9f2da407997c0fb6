import { ApiError, type Handlers, type PRINT_METHODS } from '../../../../shared/ipc/index.js';

/**
 * Printing belongs to whoever owns the page: Electron's main process answers it before a call reaches core. A call
 * that does reach core came through the web host, where the browser's own print dialog does the job.
 */
export function printHandlers(): Handlers<typeof PRINT_METHODS> {
  return {
    'print.toPdf': () => {
      throw new ApiError('unavailable', "saving a PDF needs the desktop app; use the browser's print dialog");
    },
  };
}

import { z } from 'zod';
import { CallRequest } from '../../../shared/ipc/index.js';
import { CoreConfig } from '../api/config.js';

/** What Electron's main sends the core process: its configuration first, then calls, and finally a stop. */
export const ToCore = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('init'), config: CoreConfig }),
  CallRequest,
  z.strictObject({ type: z.literal('shutdown') }),
]);
export type ToCore = z.infer<typeof ToCore>;

/** What the core process tells main besides results and events. */
export type CoreLifecycle = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'closed' };

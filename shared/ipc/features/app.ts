import { z } from 'zod';
import { method } from '../define.js';
import { NoArgs } from './no-args.js';

/** How the console is running: inside Electron, or in a browser through the web host. */
export const AppMode = z.enum(['electron', 'web']);
export type AppMode = z.infer<typeof AppMode>;

/** What the About box and the status bar show, and what the renderer adapts to (mode, locale). */
export const AppInfo = z.strictObject({
  name: z.string().min(1).max(100),
  version: z.string().min(1).max(50),
  mode: AppMode,
  /** The operating system of the machine running core (Node's platform name). */
  platform: z.string().min(1).max(20),
  /** The system locale, a BCP 47 tag (`zh-CN`, `en-GB`): the default language comes from it. */
  locale: z.string().min(1).max(35),
  runtime: z.strictObject({ node: z.string().max(30), electron: z.string().max(30).nullable() }),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** App-level methods. */
export const APP_METHODS = {
  'app.info': method('what is running, where, in which locale', NoArgs, AppInfo),
};

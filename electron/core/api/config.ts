import { z } from 'zod';
import { AppMode } from '../../../shared/ipc/index.js';

/** How core is started: by Electron's main (sent to the core process as its first message) or by the web host. */
export const CoreConfig = z.strictObject({
  /** Folder of the local cache and settings.json. */
  dataDir: z.string().min(1),
  mode: AppMode,
  appName: z.string().min(1),
  version: z.string().min(1),
  /** The system locale (Electron's app.getLocale(), or the environment's for the web host). */
  locale: z.string().min(1).max(35),
  electronVersion: z.string().nullable(),
  /** A better-sqlite3 build for this runtime's ABI, when it is not the one in node_modules. */
  nativeBinding: z.string().nullable(),
  /** The sync server and the sign-in token; null runs the console on its cache alone. */
  sync: z.strictObject({ serverUrl: z.url(), token: z.string().min(10) }).nullable(),
});
export type CoreConfig = z.infer<typeof CoreConfig>;

/** What every host reads from its environment: where data lives, which SQLite build, which server and token. */
export function coreEnvironment(
  env: NodeJS.ProcessEnv,
  defaults: { dataDir: string },
): Pick<CoreConfig, 'dataDir' | 'nativeBinding' | 'sync'> {
  const serverUrl = env.DISPATCH_SERVER_URL;
  const token = env.DISPATCH_TOKEN;
  if (Boolean(serverUrl) !== Boolean(token))
    throw new Error('set DISPATCH_SERVER_URL and DISPATCH_TOKEN together (or neither, to run on the cache alone)');
  return {
    dataDir: env.DISPATCH_DATA_DIR || defaults.dataDir,
    nativeBinding: env.DISPATCH_SQLITE_BINDING || null,
    sync: serverUrl && token ? { serverUrl, token } : null,
  };
}

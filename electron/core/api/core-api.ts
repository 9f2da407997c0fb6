import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiHandlers, AppInfo } from '../../../shared/ipc/index.js';
import { ConsoleCore } from '../console-core.js';
import { defaultSettings, SettingsFile } from '../settings/settings-file.js';
import { SocketIoTransport } from '../sync/socketio-transport.js';
import type { CoreConfig } from './config.js';
import { ApiEventBus } from './event-bus.js';
import { appHandlers } from './features/app.js';
import { consoleHandlers, forwardConsoleEvents } from './features/console.js';
import { settingsHandlers } from './features/settings.js';
import { ApiRouter } from './router.js';

/** Core as the transports see it: a router for calls, a bus for events, and a way to stop. */
export interface CoreApi {
  readonly router: ApiRouter;
  readonly events: ApiEventBus;
  readonly settings: SettingsFile;
  /** The desktop core (cache, outbox, sync); null when no server is configured. */
  readonly console: ConsoleCore | null;
  close(): Promise<void>;
}

export interface CoreApiOptions {
  log?: (message: string) => void;
  logError?: (message: string, error?: unknown) => void;
}

/** Opens core's features in this process and merges their handlers once into one router. */
export function openCoreApi(config: CoreConfig, options: CoreApiOptions = {}): CoreApi {
  const log = options.log ?? ((m: string) => console.log(`core: ${m}`));
  mkdirSync(config.dataDir, { recursive: true });
  const events = new ApiEventBus(undefined, (m) => (options.logError ?? console.error)(`core api: ${m}`));
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const settings = new SettingsFile(join(config.dataDir, 'settings.json'), defaultSettings(config.locale, timeZone));
  if (settings.problem) log(settings.problem);
  const info: AppInfo = {
    name: config.appName,
    version: config.version,
    mode: config.mode,
    platform: process.platform,
    locale: config.locale,
    runtime: { node: process.versions.node, electron: config.electronVersion },
  };
  const desk = config.sync ? openConsole(config, settings.get().teamsShown) : null;
  const stopForwarding = desk ? forwardConsoleEvents(desk, events) : () => {};
  desk?.start();
  if (desk) log(`syncing with ${config.sync?.serverUrl} as ${desk.principal.name} (${desk.principal.role})`);
  else log('no sync server configured: the console methods answer unavailable');
  const handlers: ApiHandlers = {
    ...appHandlers(info),
    ...settingsHandlers(settings, events),
    ...consoleHandlers(desk),
  };
  const router = new ApiRouter(handlers, { logError: options.logError });
  return {
    router,
    events,
    settings,
    console: desk,
    async close() {
      stopForwarding();
      desk?.close();
    },
  };
}

/** The desktop core on its cache in the data directory, syncing with the configured server. */
function openConsole(config: CoreConfig, teams: string[] | 'all'): ConsoleCore {
  const sync = config.sync!;
  return new ConsoleCore({
    dataDir: config.dataDir,
    token: sync.token,
    transport: new SocketIoTransport(sync.serverUrl),
    teams,
    ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
  });
}

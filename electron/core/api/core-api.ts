import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiHandlers, AppInfo } from '../../../shared/ipc/index.js';
import { isTimeZone } from '../../../shared/time/index.js';
import { ConsoleCore } from '../console-core.js';
import { defaultSettings, SettingsFile } from '../settings/settings-file.js';
import { SocketIoTransport } from '../sync/socketio-transport.js';
import type { CoreConfig } from './config.js';
import { ApiEventBus } from './event-bus.js';
import { appHandlers } from './features/app.js';
import { consoleHandlers, forwardConsoleEvents } from './features/console.js';
import { dispatchHandlers, forwardDispatchEvents } from './features/dispatch.js';
import { DispatchService } from '../dispatch/service.js';
import { printHandlers } from './features/print.js';
import { settingsHandlers } from './features/settings.js';
import { ApiRouter } from './router.js';

/** Core as the transports see it: a router for calls, a bus for events, and a way to stop. */
export interface CoreApi {
  readonly router: ApiRouter;
  readonly events: ApiEventBus;
  readonly settings: SettingsFile;
  /** The desktop core (cache, outbox, sync); null when no server is configured. */
  readonly console: ConsoleCore | null;
  /** Where local .pmtiles basemaps are kept (served under /basemaps/). */
  readonly basemapsDir: string;
  close(): Promise<void>;
}

export interface CoreApiOptions {
  log?: (message: string) => void;
  logError?: (message: string, error?: unknown) => void;
}

/** Opens core's features in this process and merges their handlers once into one router. */
export function openCoreApi(config: CoreConfig, options: CoreApiOptions = {}): CoreApi {
  const log = options.log ?? ((m: string) => console.log(`core: ${m}`));
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const basemapsDir = join(config.dataDir, 'basemaps');
  mkdirSync(basemapsDir, { recursive: true });
  const events = new ApiEventBus(undefined, (m) => (options.logError ?? console.error)(`core api: ${m}`));
  // Until the server names the centre's zone (at the first handshake), this computer's, or DISPATCH_TIMEZONE's.
  const timeZone = process.env.DISPATCH_TIMEZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
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
  const engine = desk ? new DispatchService(desk, () => settings.get().timeZone) : null;
  const stopConsole = desk ? forwardConsoleEvents(desk, events) : () => {};
  const stopEngine = engine ? forwardDispatchEvents(engine, events) : () => {};
  // Times show in the centre's zone as the server names it, unless the dispatcher chose a zone in the settings.
  const stopZone = desk
    ? desk.on('session', (s) => {
        const now = settings.get();
        if (!s.timeZone || !now.timeZoneFollowsServer || s.timeZone === now.timeZone || !isTimeZone(s.timeZone)) return;
        events.emit('settings.changed', settings.update({ timeZone: s.timeZone }));
        log(`times are shown in ${s.timeZone}, the control centre's zone`);
      })
    : () => {};
  desk?.start();
  // The first question to a fresh engine costs what loading the day and compiling the engine cost: pay it now, not
  // when the dispatcher presses Enter for the best candidate.
  const warmingFrom = Date.now();
  void engine
    ?.warm()
    .then((warmed) => warmed && log(`dispatch engine ready in ${Date.now() - warmingFrom} ms`))
    .catch((err: Error) => log(`dispatch engine could not warm up: ${err.message}`));
  if (desk) log(`syncing with ${config.sync?.serverUrl} as ${desk.principal.name} (${desk.principal.role})`);
  else log('no sync server configured: the console methods answer unavailable');
  const handlers: ApiHandlers = {
    ...appHandlers(info),
    ...settingsHandlers(settings, events),
    ...consoleHandlers(desk, () => settings.get().timeZone),
    ...dispatchHandlers(engine),
    ...printHandlers(),
  };
  const router = new ApiRouter(handlers, { logError: options.logError });
  return {
    router,
    events,
    settings,
    basemapsDir,
    console: desk,
    async close() {
      stopConsole();
      stopZone();
      stopEngine();
      await engine?.dispose();
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
    serverUrl: sync.serverUrl,
    transport: new SocketIoTransport(sync.serverUrl),
    teams,
    ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
  });
}

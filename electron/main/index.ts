// Electron's main process: lifecycle only. Each job lives in its own file beside this one.
import { join } from 'node:path';
import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron';
import { coreEnvironment, type CoreConfig } from '../core/api/config.js';
import { APP_ORIGIN } from './app-origin.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { applyContentSecurityPolicy } from './content-security.js';
import { CoreProcess } from './core-supervisor.js';
import { CspState } from './csp-state.js';
import { relayIpc } from './ipc-relay.js';
import { guardNavigation } from './navigation.js';
import { denyPermissions } from './permissions.js';
import { printToPdf } from './print.js';
import { createConsoleWindow } from './window.js';

const log = (message: string) => console.log(`main: ${message}`);
// Bundled side by side in dist/electron; the renderer is built into dist/renderer.
const preloadPath = join(__dirname, 'preload.cjs');
const corePath = join(__dirname, 'core.cjs');
const rendererDir = join(__dirname, '..', 'renderer');

registerAppScheme();
app.enableSandbox();

let core: CoreProcess | null = null;
let window: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, log));
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  const config: CoreConfig = {
    ...coreEnvironment(process.env, { dataDir: join(app.getPath('userData'), 'console') }),
    mode: 'electron',
    appName: app.getName(),
    version: app.getVersion(),
    locale: app.getLocale() || 'en-US',
    electronVersion: process.versions.electron ?? null,
  };
  core = new CoreProcess(corePath, config, log);
  await core.start();
  const csp = new CspState();
  await csp.follow(core);
  const ses = session.defaultSession;
  denyPermissions(ses, log);
  applyContentSecurityPolicy(ses, csp.header);
  serveAppProtocol(ses, rendererDir, csp.both, join(config.dataDir, 'basemaps'));
  relayIpc(ipcMain, core, APP_ORIGIN, log, { 'print.toPdf': printToPdf });
  window = createConsoleWindow(preloadPath, !app.isPackaged);
  window.on('closed', () => (window = null));
  log(
    `console window open (data in ${config.dataDir}, ${config.sync ? `server ${config.sync.serverUrl}` : 'no server'})`,
  );
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`main: ${message}`);
  dialog.showErrorBox('Dispatch Console could not start', message);
  void core?.stop().finally(() => app.exit(1));
  if (!core) app.exit(1);
}

app.on('window-all-closed', () => app.quit());

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !core) return;
  // Let core close its database before the process goes.
  event.preventDefault();
  quitting = true;
  void core.stop().finally(() => app.quit());
});

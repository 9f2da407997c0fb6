import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_URL } from './app-origin.js';

/**
 * The console window's options: the renderer is a web page with no Node, isolated from the preload, sandboxed, with
 * web security on; dropping a file on the board must not navigate away from it.
 */
export function consoleWindowOptions(preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1600,
    height: 1000,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Dispatch Console',
    backgroundColor: '#14181d',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  };
}

/** Opens the console window on the app's own page; shown once painted, so it never flashes white. */
export function createConsoleWindow(preloadPath: string, devTools: boolean): BrowserWindow {
  const window = new BrowserWindow(consoleWindowOptions(preloadPath, devTools));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

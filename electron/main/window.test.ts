import { beforeEach, describe, expect, it, vi } from 'vitest';

const made = vi.hoisted(() => ({ windows: [] as Array<{ options: unknown; url: string | null; events: string[] }> }));
vi.mock('electron', () => ({
  BrowserWindow: class {
    url: string | null = null;
    events: string[] = [];
    constructor(readonly options: unknown) {
      made.windows.push(this);
    }
    once(event: string) {
      this.events.push(event);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  },
}));

const { consoleWindowOptions, createConsoleWindow } = await import('./window.js');

beforeEach(() => (made.windows = []));

describe('the console window', () => {
  it('runs the page isolated, sandboxed, without Node and with web security', () => {
    const prefs = consoleWindowOptions('/app/dist/electron/preload.cjs', false).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('opens the app page from its own origin, never a file URL, and shows it once painted', () => {
    createConsoleWindow('/p.cjs', true);
    expect(made.windows).toHaveLength(1);
    expect(made.windows[0]!.url).toBe('app://console/');
    expect(made.windows[0]!.events).toContain('ready-to-show');
    expect(made.windows[0]!.options).toMatchObject({ show: false, webPreferences: { devTools: true } });
  });
});

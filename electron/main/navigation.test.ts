import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';

const opened = vi.hoisted(() => [] as string[]);
vi.mock('electron', () => ({ shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) } }));
const { guardNavigation } = await import('./navigation.js');

/** A WebContents that records its handlers so the test can fire them. */
function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
  }) as unknown as WebContents;
  const fire = (name: string, url: string) => {
    let prevented = false;
    emitter.emit(name, { url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

beforeEach(() => (opened.length = 0));

describe('navigation and new windows', () => {
  it('keeps the page on the console: in-app routes pass, everything else is stopped', () => {
    const c = fakeContents();
    guardNavigation(c.contents, () => {});
    expect(c.fire('will-navigate', 'app://console/board?day=2026-03-02')).toBe(false);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/',
      'javascript:alert(1)',
      'http://127.0.0.1:4310/',
    ])
      expect(c.fire('will-navigate', url), url).toBe(true);
    expect(c.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(c.fire('will-frame-navigate', 'data:text/html,<h1>x')).toBe(true);
  });

  it('opens https links in the system browser and nothing else', () => {
    const c = fakeContents();
    guardNavigation(c.contents, () => {});
    c.fire('will-navigate', 'https://www.openstreetmap.org/copyright');
    c.fire('will-navigate', 'file:///etc/passwd');
    c.fire('will-navigate', 'http://plain.example/');
    expect(opened).toEqual(['https://www.openstreetmap.org/copyright']);
  });

  it('denies every new window; an https target goes to the system browser', () => {
    const c = fakeContents();
    guardNavigation(c.contents, () => {});
    expect(c.open('https://maplibre.org/')).toEqual({ action: 'deny' });
    expect(c.open('app://console/popup')).toEqual({ action: 'deny' });
    expect(c.open('smb://share/file')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://maplibre.org/']);
  });

  it('refuses <webview> tags', () => {
    const c = fakeContents();
    guardNavigation(c.contents, () => {});
    expect(c.fire('will-attach-webview', 'https://x.example/')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { Session } from 'electron';
import { denyPermissions } from './permissions.js';

describe('permissions', () => {
  it('grants notifications only, and no devices', () => {
    const h: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (f: never) => (h.request = f),
      setPermissionCheckHandler: (f: never) => (h.check = f),
      setDevicePermissionHandler: (f: never) => (h.device = f),
    } as unknown as Session;
    const denied: string[] = [];
    denyPermissions(session, (m) => denied.push(m));
    const request = h.request as unknown as (c: null, p: string, cb: (g: boolean) => void) => void;
    const answers: Record<string, boolean> = {};
    for (const p of ['notifications', 'media', 'geolocation', 'openExternal', 'clipboard-read', 'fileSystem'])
      request(null, p, (granted) => (answers[p] = granted));
    expect(answers).toEqual({
      notifications: true,
      media: false,
      geolocation: false,
      openExternal: false,
      'clipboard-read': false,
      fileSystem: false,
    });
    expect(denied).toHaveLength(5);
    const check = h.check as unknown as (c: null, p: string) => boolean;
    expect([check(null, 'notifications'), check(null, 'usb'), check(null, 'media')]).toEqual([true, false, false]);
    expect((h.device as unknown as () => boolean)()).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { syncWords } from './sync-words.js';

const zone = 'Asia/Shanghai';
const at = (hhmm: string, day = '2026-12-08') => Date.parse(`${day}T${hhmm}:00+08:00`);
const live = { state: 'online' as const, pending: 0, message: null, stuck: null };

describe('what the status bar says of the last sync', () => {
  it('reads as current on a live link with nothing waiting, however long ago the last round was', () => {
    const quiet = { ...live, lastSyncAt: at('06:12') };
    expect(syncWords(quiet, at('09:40'), 'en', zone)).toEqual({
      text: 'In sync',
      title: 'Last sync 06:12',
      current: true,
    });
    expect(syncWords(quiet, at('09:40'), 'zh-CN', zone).text).toBe('已同步');
    // A round under way on the same live link says the same, rather than flicker.
    expect(syncWords({ ...quiet, state: 'syncing' }, at('09:40'), 'en', zone).text).toBe('In sync');
  });

  it('gives the time and the age when offline, working offline, behind or failing', () => {
    const last = at('06:12');
    const now = at('07:40');
    expect(syncWords({ ...live, state: 'offline', lastSyncAt: last }, now, 'en', zone).text).toBe(
      'Last sync 06:12 (1 h 28 min ago)',
    );
    expect(syncWords({ ...live, state: 'paused', lastSyncAt: last }, now, 'zh-CN', zone).text).toBe(
      '上次同步 06:12（1小时28分前）',
    );
    expect(syncWords({ ...live, pending: 3, lastSyncAt: last }, now, 'en', zone).current).toBe(false);
    expect(
      syncWords({ ...live, message: 'sync failed: timeout; retrying', lastSyncAt: last }, now, 'en', zone).text,
    ).toBe('Last sync 06:12 (1 h 28 min ago)');
    const stuck = { what: 'receiving' as const, since: last, change: null, message: 'timeout' };
    expect(syncWords({ ...live, stuck, lastSyncAt: last }, now, 'en', zone).current).toBe(false);
    // Another day: the date too.
    expect(
      syncWords({ ...live, state: 'offline', lastSyncAt: at('18:05', '2026-12-07') }, now, 'en', zone).text,
    ).toMatch(/^Last sync .*Dec 7.*18:05 \(13 h 35 min ago\)$/);
  });

  it('says so when the console has never synced', () => {
    expect(syncWords({ ...live, lastSyncAt: null }, at('07:40'), 'en', zone)).toEqual({
      text: 'Never synced',
      title: undefined,
      current: false,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { changeWhat } from './change-words.js';

describe('what a change an undo step met did', () => {
  it('names a status change by the action it was, in English and Chinese', () => {
    const released = {
      what: 'status_changed' as const,
      status: { from: 'on_hold' as const, to: 'scheduled' as const },
    };
    expect(changeWhat(released, 'en')).toBe('Released');
    expect(changeWhat(released, 'zh-CN')).toBe('恢复');
    const held = { what: 'status_changed' as const, status: { from: 'dispatched' as const, to: 'on_hold' as const } };
    expect(changeWhat(held, 'en')).toBe('Put on hold');
    const restored = { what: 'status_changed' as const, status: { from: 'cancelled' as const, to: 'new' as const } };
    expect(changeWhat(restored, 'en')).toBe('Restored');
    const sent = { what: 'status_changed' as const, status: { from: 'scheduled' as const, to: 'dispatched' as const } };
    expect(changeWhat(sent, 'en')).toBe('Dispatched');
    expect(changeWhat(sent, 'zh-CN')).toBe('下发');
  });

  it('names any other change by its trail event, and a change it cannot read as a change', () => {
    expect(changeWhat({ what: 'cancelled' }, 'en')).toBe('Cancelled');
    expect(changeWhat({ what: 'status_changed' }, 'en')).toBe('Status');
    expect(changeWhat({ what: null }, 'en')).toBe('Changed');
  });
});

import { describe, expect, it } from 'vitest';
import { SlaAnnouncer, type DesktopNotifier } from './announce.js';

function fakeNotifier(initial: NotificationPermission | 'unsupported', answer: NotificationPermission) {
  const state = { permission: initial, requests: 0, shown: [] as string[] };
  const notifier: DesktopNotifier = {
    permission: () => state.permission,
    request: async () => {
      state.requests++;
      if (state.permission !== 'unsupported') state.permission = answer;
      return answer;
    },
    show: (_title, _body, tag) => void state.shown.push(tag),
  };
  return { notifier, state };
}

const alert = (id: string) => ({ id, title: 'SLA breached', body: 'b', onClick: () => {} });

describe('SLA announcer', () => {
  it('asks for permission once and shows desktop notifications when granted', async () => {
    const { notifier, state } = fakeNotifier('default', 'granted');
    const toasts: string[] = [];
    const a = new SlaAnnouncer(notifier, (id) => toasts.push(id));
    expect(await a.announce(alert('x'))).toBe('desktop');
    expect(await a.announce(alert('y'))).toBe('desktop');
    expect(state.requests).toBe(1);
    expect(state.shown).toEqual(['x', 'y']);
    expect(toasts).toEqual([]);
  });

  it('falls back to the in-app toast when denied, and does not ask again', async () => {
    const { notifier, state } = fakeNotifier('default', 'denied');
    const toasts: string[] = [];
    const a = new SlaAnnouncer(notifier, (id) => toasts.push(id));
    expect(await a.announce(alert('x'))).toBe('toast');
    expect(await a.announce(alert('y'))).toBe('toast');
    expect(state.requests).toBe(1);
    expect(toasts).toEqual(['x', 'y']);
  });

  it('uses the toast where the platform has no notifications or dismissed the question', async () => {
    const none = fakeNotifier('unsupported', 'granted');
    const toasts: string[] = [];
    expect(await new SlaAnnouncer(none.notifier, (id) => toasts.push(id)).announce(alert('x'))).toBe('toast');
    expect(none.state.requests).toBe(0);
    const dismissed = fakeNotifier('default', 'default');
    const b = new SlaAnnouncer(dismissed.notifier, (id) => toasts.push(id));
    expect(await b.announce(alert('y'))).toBe('toast');
    expect(await b.announce(alert('z'))).toBe('toast');
    expect(dismissed.state.requests).toBe(1);
    expect(toasts).toEqual(['x', 'y', 'z']);
  });
});

describe('SLA alerts in the store', () => {
  it('queues each alert once, whether heard live or again from core at a reload', async () => {
    const { createConsoleStore } = await import('../../store/index.js');
    const store = createConsoleStore();
    const a = {
      id: 'sla:wo-1:escalated:respond',
      orderId: 'wo-1',
      code: 'WO-1',
      customer: 'Acme',
      priority: 'P1' as const,
      deadline: 'respond' as const,
      dueAt: 1,
      detectedAt: 2,
    };
    store.getState().raiseSlaAlert(a);
    store.getState().raiseSlaAlert(a);
    expect(store.getState().takeUnannounced()).toEqual([a]);
    store.getState().raiseSlaAlert(a);
    expect(store.getState().takeUnannounced()).toEqual([]);
  });
});

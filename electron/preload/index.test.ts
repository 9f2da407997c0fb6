import { describe, expect, it, vi } from 'vitest';
import type { DispatchConsoleBridge } from '../../shared/ipc/bridge.js';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<[string, unknown]>,
  sent: [] as Array<[string, unknown]>,
  onEvent: null as ((e: unknown, message: unknown) => void) | null,
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => electron.exposed.set(name, api) },
  ipcRenderer: {
    invoke: (channel: string, arg: unknown) => (
      electron.invoked.push([channel, arg]),
      Promise.resolve({ answer: arg })
    ),
    send: (channel: string, arg: unknown) => electron.sent.push([channel, arg]),
    on: (channel: string, l: (e: unknown, m: unknown) => void) => {
      if (channel === 'dispatch-console:event') electron.onEvent = l;
    },
  },
}));
await import('./index.js');

const bridge = electron.exposed.get('dispatchConsole') as DispatchConsoleBridge;

describe('the preload', () => {
  it('exposes exactly call, subscribe and unsubscribe, and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['dispatchConsole']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'subscribe', 'unsubscribe']);
  });

  it('sends calls on the fixed channel and hands back the answer envelope', async () => {
    const request = { type: 'call', id: 1, method: 'app.info' };
    await expect(bridge.call(request)).resolves.toEqual({ answer: request });
    expect(electron.invoked).toEqual([['dispatch-console:call', request]]);
  });

  it('subscribes once per event, delivers payloads to the right listeners, and unsubscribes after the last', () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    const first = bridge.subscribe('settings.changed', (p) => a.push(p));
    const second = bridge.subscribe('settings.changed', (p) => b.push(p));
    expect(electron.sent).toEqual([['dispatch-console:subscribe', 'settings.changed']]);
    electron.onEvent!({}, { type: 'event', event: 'settings.changed', payload: 1 });
    electron.onEvent!({}, { type: 'event', event: 'other.event', payload: 2 });
    expect([a, b]).toEqual([[1], [1]]);
    bridge.unsubscribe(first);
    electron.onEvent!({}, { type: 'event', event: 'settings.changed', payload: 3 });
    expect([a, b]).toEqual([[1], [1, 3]]);
    expect(electron.sent).toHaveLength(1);
    bridge.unsubscribe(second);
    expect(electron.sent.at(-1)).toEqual(['dispatch-console:unsubscribe', 'settings.changed']);
    expect(() => bridge.subscribe(42 as unknown as string, () => {})).toThrow(TypeError);
  });
});

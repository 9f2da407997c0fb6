import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreConfig } from '../core/api/config.js';

/** A utility process that answers like core: `ready` after init, results under the id it was sent. */
class FakeChild extends EventEmitter {
  posted: Array<Record<string, unknown>> = [];
  killed = false;
  answer = true;
  postMessage(m: Record<string, unknown>) {
    this.posted.push(m);
    if (m.type === 'init') queueMicrotask(() => this.emit('message', { type: 'ready' }));
    if (m.type === 'call' && this.answer)
      queueMicrotask(() => this.emit('message', { type: 'result', id: m.id, ok: true, value: { method: m.method } }));
    if (m.type === 'shutdown') queueMicrotask(() => this.emit('exit', 0));
  }
  kill() {
    this.killed = true;
    this.emit('exit', 9);
  }
}

const forks = vi.hoisted(() => ({ children: [] as unknown[] }));
vi.mock('electron', () => ({
  utilityProcess: {
    fork: () => {
      const child = new FakeChild();
      forks.children.push(child);
      return child;
    },
  },
}));
const { CoreProcess } = await import('./core-supervisor.js');

const config: CoreConfig = {
  dataDir: '/tmp/x',
  mode: 'electron',
  appName: 'Dispatch Console',
  version: '0.1.0',
  locale: 'en-US',
  electronVersion: '39.8.10',
  nativeBinding: '/cache/better_sqlite3.node',
  sync: null,
};
const last = () => forks.children.at(-1) as FakeChild;

beforeEach(() => (forks.children = []));
afterEach(() => vi.useRealTimers());

describe('the core process link', () => {
  it('sends the configuration first and resolves once core is ready', async () => {
    const core = new CoreProcess('/dist/electron/core.cjs', config, () => {});
    await core.start();
    expect(last().posted[0]).toEqual({ type: 'init', config });
  });

  it('keeps two windows apart when they use the same call ids', async () => {
    const core = new CoreProcess('/core.cjs', config, () => {});
    await core.start();
    const [a, b] = await Promise.all([
      core.call({ type: 'call', id: 1, method: 'app.info' }),
      core.call({ type: 'call', id: 1, method: 'settings.get' }),
    ]);
    expect(a).toMatchObject({ id: 1, value: { method: 'app.info' } });
    expect(b).toMatchObject({ id: 1, value: { method: 'settings.get' } });
    const sentIds = last()
      .posted.filter((m) => m.type === 'call')
      .map((m) => m.id);
    expect(new Set(sentIds).size).toBe(2);
  });

  it('answers calls in flight with unavailable when core dies, and restarts it', async () => {
    vi.useFakeTimers();
    const logged: string[] = [];
    const core = new CoreProcess('/core.cjs', config, (m) => logged.push(m));
    await core.start();
    last().answer = false;
    const inFlight = core.call({ type: 'call', id: 4, method: 'app.info' });
    last().emit('exit', 139);
    await expect(inFlight).resolves.toMatchObject({ id: 4, ok: false, error: { code: 'unavailable' } });
    await expect(core.call({ type: 'call', id: 5, method: 'app.info' })).resolves.toMatchObject({
      error: { code: 'unavailable', message: expect.stringMatching(/restarting/) },
    });
    expect(logged).toEqual(['core exited with code 139; restarting in 500 ms']);
    await vi.advanceTimersByTimeAsync(500);
    expect(forks.children).toHaveLength(2);
    await expect(core.call({ type: 'call', id: 6, method: 'app.info' })).resolves.toMatchObject({ id: 6, ok: true });
  });

  it('relays events and stops core cleanly without restarting it', async () => {
    const core = new CoreProcess('/core.cjs', config, () => {});
    await core.start();
    const heard: unknown[] = [];
    core.onEvent((m) => heard.push(m.event));
    last().emit('message', { type: 'event', event: 'settings.changed', payload: {} });
    expect(heard).toEqual(['settings.changed']);
    await core.stop();
    expect(last().posted.at(-1)).toEqual({ type: 'shutdown' });
    expect(forks.children).toHaveLength(1);
  });
});

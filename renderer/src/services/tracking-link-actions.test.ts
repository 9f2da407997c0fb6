import { describe, expect, it, vi } from 'vitest';
import { createConsoleStore } from '../store/index.js';
import { ConsoleActions } from './actions.js';
import type { ConsoleGateway } from './gateway.js';

function open(state: 'offline' | 'online') {
  const gateway = {
    trackingLink: () => Promise.reject(new Error('fetch failed')),
  } as unknown as ConsoleGateway;
  const store = createConsoleStore();
  store.getState().setLocale('zh-CN');
  store.getState().setStatus({ state, pending: 0, conflicts: 0, lastSyncAt: null, message: null, stuck: null });
  return { actions: new ConsoleActions(gateway, store), store };
}

describe('a tracking link that cannot be had', () => {
  it("says, in the console's language, that links need the server and the console is offline", async () => {
    const { actions, store } = open('offline');
    await expect(actions.copyTrackingLink('wo-1')).resolves.toBeNull();
    expect(store.getState().notice).toEqual(
      expect.objectContaining({ kind: 'error', text: '无法生成跟踪链接：链接由服务器生成，控制台当前离线' }),
    );
  });

  it('never shows the error text of the network to the dispatcher', async () => {
    const { actions, store } = open('online');
    await actions.copyTrackingLink('wo-1');
    expect(store.getState().notice?.text).toBe('无法生成跟踪链接：服务器未生成链接，请重试');
  });
});

describe('a tracking link while working offline by choice', () => {
  it('does not ask the server, and says that a link needs the connection', async () => {
    const trackingLink = vi.fn(() => Promise.resolve('https://track.example/t/abc'));
    const store = createConsoleStore();
    store.getState().setLocale('zh-CN');
    store
      .getState()
      .setStatus({ state: 'paused', pending: 0, conflicts: 0, lastSyncAt: null, message: null, stuck: null });
    const actions = new ConsoleActions({ trackingLink } as unknown as ConsoleGateway, store);
    await expect(actions.copyTrackingLink('wo-1')).resolves.toBeNull();
    expect(trackingLink).not.toHaveBeenCalled();
    expect(store.getState().notice).toEqual(
      expect.objectContaining({ kind: 'error', text: '无法生成跟踪链接：链接由服务器生成，控制台当前离线' }),
    );
  });
});

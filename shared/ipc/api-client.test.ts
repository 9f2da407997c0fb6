import { describe, expect, it } from 'vitest';
import { createApiClient, type ApiTransport } from './api-client.js';
import type { CallRequest } from './envelope.js';
import { ApiError } from './errors.js';

const settings = {
  timeZone: 'Asia/Shanghai',
  timeZoneFollowsServer: true,
  language: 'zh-CN',
  palette: 'status',
  boardZoom: 'day',
  snapMinutes: 15,
  teamsShown: 'all',
  basemapStyleUrl: null,
  basemapPmtiles: null,
  basemapOrigins: [],
};

/** A transport that answers every call with `answer(request)` and lets the test push events. */
function fakeTransport(answer: (r: CallRequest) => unknown) {
  const sent: CallRequest[] = [];
  const listeners = new Map<string, (p: unknown) => void>();
  const transport: ApiTransport = {
    send: async (r) => (sent.push(r), answer(r)),
    listen: (event, l) => (listeners.set(event, l), () => listeners.delete(event)),
  };
  return { transport, sent, push: (event: string, p: unknown) => listeners.get(event)?.(p) };
}

describe('the typed API client', () => {
  it('sends a call envelope and returns the validated value', async () => {
    const t = fakeTransport((r) => ({ type: 'result', id: r.id, ok: true, value: settings }));
    const api = createApiClient(t.transport);
    await expect(api.call('settings.set', { language: 'zh-CN' })).resolves.toEqual(settings);
    expect(t.sent).toEqual([{ type: 'call', id: 1, method: 'settings.set', args: { language: 'zh-CN' } }]);
  });

  it('refuses bad arguments before anything leaves, naming the field', async () => {
    const t = fakeTransport(() => {
      throw new Error('must not be called');
    });
    const api = createApiClient(t.transport);
    // @ts-expect-error the compiler refuses an unknown language too
    const call = api.call('settings.set', { language: 'fr' });
    await expect(call).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('args.language'),
    });
    await expect(api.call('settings.set', { timeZone: 'Mars/Olympus' })).rejects.toThrow(/IANA time zone/);
    expect(t.sent).toHaveLength(0);
  });

  it('turns an error envelope into an ApiError with its code', async () => {
    const t = fakeTransport((r) => ({
      type: 'result',
      id: r.id,
      ok: false,
      error: { code: 'unavailable', message: 'core is restarting' },
    }));
    const err = await createApiClient(t.transport)
      .call('app.info')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'unavailable', message: 'core is restarting' });
  });

  it('keeps a refusal given as data, for the console to word in its language', async () => {
    const say = [{ id: 'orderNotBooked', args: { order: 'WO-1' } }];
    const t = fakeTransport((r) => ({
      type: 'result',
      id: r.id,
      ok: false,
      error: { code: 'conflict', message: 'WO-1 is not booked', say },
    }));
    const err = await createApiClient(t.transport)
      .call('app.info')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'conflict', message: 'WO-1 is not booked', say });
  });

  it('rejects an answer that breaks the contract instead of handing it to the view', async () => {
    const t = fakeTransport((r) => ({ type: 'result', id: r.id, ok: true, value: { ...settings, palette: 'neon' } }));
    await expect(createApiClient(t.transport).call('settings.get')).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('palette'),
    });
    const garbage = fakeTransport(() => 'not an envelope');
    await expect(createApiClient(garbage.transport).call('settings.get')).rejects.toMatchObject({ code: 'internal' });
  });

  it('hands listeners only event payloads that match the contract', () => {
    const t = fakeTransport(() => null);
    const problems: string[] = [];
    const api = createApiClient(t.transport, { onInvalidEvent: (e, m) => problems.push(`${e}: ${m}`) });
    const seen: unknown[] = [];
    const stop = api.subscribe('settings.changed', (s) => seen.push(s.language));
    t.push('settings.changed', settings);
    t.push('settings.changed', { ...settings, language: 'klingon' });
    stop();
    t.push('settings.changed', settings);
    expect(seen).toEqual(['zh-CN']);
    expect(problems).toEqual([expect.stringContaining('settings.changed: language')]);
  });

  it('measures a call in UTF-8 bytes: 400 Chinese notes of 1,000 characters are over the limit and never leave', async () => {
    const t = fakeTransport(() => {
      throw new Error('must not be called');
    });
    const actions = Array.from({ length: 400 }, () => ({
      name: 'addNote' as const,
      args: { orderId: 'o-1', text: '空调不制冷'.repeat(200) },
    }));
    // About 400,000 characters (under the limit if characters were counted) and 1.2 MB as sent.
    await expect(
      createApiClient(t.transport).call('console.mutateAll', { label: 'Notes', actions }),
    ).rejects.toMatchObject({
      code: 'too_large',
    });
    expect(t.sent).toHaveLength(0);
  });
});

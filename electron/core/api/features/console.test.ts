import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiHandlers, type EventMessage } from '../../../../shared/ipc/index.js';
import { PRINCIPALS } from '../../../../shared/sync/mutation-world.testing.js';
import { Harness, settled, until } from '../../harness.testing.js';
import { ApiEventBus } from '../event-bus.js';
import { ApiRouter } from '../router.js';
import { appHandlers } from './app.js';
import { consoleHandlers, forwardConsoleEvents } from './console.js';
import { dispatchHandlers } from './dispatch.js';
import { printHandlers } from './print.js';
import { settingsHandlers } from './settings.js';

const H = 3_600_000;
let h: Harness | null = null;
afterEach(() => h?.close());

/** The console methods of one core behind the router, as a renderer reaches them (JSON on the way, both ways). */
async function consoleApi() {
  h = new Harness();
  const { core, link } = h.console(PRINCIPALS.dispatcher);
  core.start();
  await until(settled(core));
  const events = new ApiEventBus();
  forwardConsoleEvents(core, events);
  const others = {
    ...appHandlers({} as never),
    ...settingsHandlers({} as never, events),
    ...dispatchHandlers(null),
    ...printHandlers(),
  };
  const router = new ApiRouter({ ...others, ...consoleHandlers(core) } as ApiHandlers);
  const heard: EventMessage[] = [];
  events.connect((m) => heard.push(m));
  const api = createApiClient({
    send: async (r) => JSON.parse(JSON.stringify(await router.handle(JSON.parse(JSON.stringify(r))))),
    listen: (event, l) => events.connect((m) => m.event === event && l(JSON.parse(JSON.stringify(m.payload)))),
  });
  return { api, core, link, heard, harness: h };
}

describe('the console methods', () => {
  it('hands the whole view to the renderer and applies an action with its changes pushed as an event', async () => {
    const { api, core, heard, harness } = await consoleApi();
    const snapshot = await api.call('console.snapshot');
    expect(snapshot.orders).toHaveLength(40);
    expect(snapshot.principal).toMatchObject({ id: PRINCIPALS.dispatcher.id, role: 'dispatcher' });
    const order = snapshot.orders.find((o) => o.status === 'new' && o.excludedEngineerIds.length === 0)!;
    const engineer = snapshot.engineers[0]!;
    const { mutationId } = await api.call('console.mutate', {
      name: 'assignOrder',
      args: {
        orderId: order.id,
        base: { version: order.version, rev: order.rev },
        engineerId: engineer.id,
        start: harness.now + H,
      },
    });
    expect(mutationId).toBeGreaterThan(0);
    const changes = heard.find((m) => m.event === 'console.changes')?.payload as {
      orders: Array<{ id: string; pending: boolean }>;
    };
    expect(changes.orders).toEqual([expect.objectContaining({ id: order.id, pending: true, status: 'scheduled' })]);
    expect(heard.some((m) => m.event === 'console.history')).toBe(true);
    await until(settled(core));
    await expect(api.call('console.history')).resolves.toMatchObject({
      canUndo: true,
      undoLabel: expect.objectContaining({ key: 'assignOrder' }),
    });
    // The undo's own change, so that a refusal of it by the server can be told apart from others.
    await expect(api.call('console.undo')).resolves.toEqual({
      label: expect.objectContaining({ key: 'assignOrder' }),
      mutationId: expect.any(Number),
    });
    expect(core.order(order.id)?.status).toBe('new');
  });

  it('refuses bad action args by name and field before core sees them', async () => {
    const { api } = await consoleApi();
    // @ts-expect-error the compiler knows each action's args too
    const wrong = api.call('console.mutate', { name: 'assignOrder', args: { orderId: 'x' } });
    await expect(wrong).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/args\.args\./) });
    const unknown = api.call('console.mutate', { name: 'dropTable' as 'addNote', args: { orderId: 'x', text: 'y' } });
    await expect(unknown).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('takes a batch as one undo step, each action answered in order, and refuses a malformed batch whole', async () => {
    const { api, core, harness } = await consoleApi();
    const [a, b] = [...core.state.orders.values()].filter((o) => o.status === 'new');
    const engineer = harness.city.engineers[0]!;
    const before = core.status().pending;
    const malformed = api.call('console.mutateAll', {
      label: 'Two notes',
      actions: [
        { name: 'addNote', args: { orderId: a!.id, text: 'ok' } },
        // @ts-expect-error each action is checked by its own mutation's schema
        { name: 'addNote', args: { orderId: b!.id } },
      ],
    });
    await expect(malformed).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/actions\.1/),
    });
    expect(core.status().pending).toBe(before);

    const { results } = await api.call('console.mutateAll', {
      label: 'Book two',
      actions: [
        {
          name: 'assignOrder',
          args: {
            orderId: a!.id,
            base: { version: a!.version, rev: a!.rev },
            engineerId: engineer.id,
            start: harness.now + H,
          },
        },
        {
          name: 'assignOrder',
          args: {
            orderId: b!.id,
            base: { version: b!.version + 3, rev: b!.rev },
            engineerId: engineer.id,
            start: harness.now + 2 * H,
          },
        },
      ],
    });
    expect(results).toEqual([
      { ok: true, mutationId: expect.any(Number) },
      {
        ok: false,
        code: expect.any(String),
        message: expect.stringContaining(b!.code),
        // The refusal as data, so an import's report words the row's reason in the console's language.
        say: [{ id: 'staleOrder', args: expect.objectContaining({ order: b!.code }) }],
      },
    ]);
    await expect(api.call('console.history')).resolves.toMatchObject({
      undoLabel: { key: 'text', values: { text: 'Book two' } },
    });
  });

  it("turns the rules' refusal into a typed error the dispatcher can read, and stores nothing", async () => {
    const { api, core, harness } = await consoleApi();
    const order = [...core.state.orders.values()].find((o) => o.status === 'new')!;
    const engineer = harness.city.engineers[0]!;
    const before = core.status().pending;
    const stale = api.call('console.mutate', {
      name: 'assignOrder',
      args: {
        orderId: order.id,
        base: { version: order.version + 5, rev: 'x:1' },
        engineerId: engineer.id,
        start: harness.now + H,
      },
    });
    await expect(stale).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(order.code) });
    expect(core.status().pending).toBe(before);
    await expect(api.call('console.retryConflict', { mutationId: 999 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('answers unavailable, saying what to set, when no server is configured', async () => {
    const router = new ApiRouter({
      ...appHandlers({} as never),
      ...settingsHandlers({} as never, new ApiEventBus()),
      ...consoleHandlers(null),
      ...dispatchHandlers(null),
      ...printHandlers(),
    } as ApiHandlers);
    const reply = await router.handle({ type: 'call', id: 1, method: 'console.snapshot' });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('DISPATCH_SERVER_URL') },
    });
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CustomerNotified, type OutboxMessage, type WorkOrder } from '../../../shared/domain/index.js';
import { generateScenario, type Scenario } from '../../../shared/scenario/index.js';
import { demoUsers } from '../auth/users.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { NotifierAdapter } from './adapters.js';
import { customerLanguage, messageBody, promised, promisedTag, RETELL_TOLERANCE_MIN } from './messages.js';
import { Notifier, type NotifierOptions } from './notifier.js';
import { testDispatcher as dispatcher } from '../store/principals.testing.js';

const city = generateScenario({ seed: 5, engineers: 6, orders: 30 });
const order = city.orders.find((o) => o.status === 'scheduled' && o.booking)!;
/** An order booked straight onto an engineer's day, with no appointment window (as an emergency is). */
const unwindowed = city.orders.find((o) => o.status === 'scheduled' && o.booking && !o.window)!;
const stores: SqliteStore[] = [];
/** A time of day in the city, 24-hour clock, as the messages write it. */
const hm = (t: number) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: city.meta.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(t);
/** A day in the city as the Chinese messages write it (12月7日). */
const day = (t: number) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: city.meta.timeZone, month: 'long', day: 'numeric' }).format(t);

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/**
 * A seeded store (of `c`, the Shanghai city unless given), a clock the test moves, and a dispatcher's console to act
 * with, on `o` unless told another order.
 */
async function setup(c: Scenario = city, o: WorkOrder = order) {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'customer-notify-unit-')), 'server.sqlite'), {
    log: () => {},
  });
  stores.push(store);
  await store.seed(c, demoUsers(c.engineers));
  await store.bindClient('c-1', 'dispatcher-1', 0);
  const clock = { t: c.meta.dayStart + 10 * 3_600_000 };
  let id = 0;
  /** A dispatcher's change to an order (`args` besides its id and base), which must apply. */
  const change = async (name: string, args: Record<string, unknown>, orderId = o.id) => {
    const now = (await store.order(orderId))!;
    const r = await store.applyPush(
      'c-1',
      dispatcher,
      [
        {
          id: ++id,
          name,
          args: { orderId, base: { version: now.version, rev: now.rev }, ...args },
          createdAt: clock.t,
        },
      ],
      () => clock.t,
    );
    expect(r.results[0]).toMatchObject({ status: 'applied' });
  };
  const setStatus = (status: string, orderId = o.id) => change('setOrderStatus', { status }, orderId);
  return { store, clock, setStatus, change };
}

/** Two engineers of the city other than the one `o` is booked to, whom it can be given to. */
function others(o: WorkOrder): [Scenario['engineers'][number], Scenario['engineers'][number]] {
  const free = city.engineers.filter((e) => e.id !== o.booking!.engineerId && !o.excludedEngineerIds.includes(e.id));
  return [free[0]!, free[1]!];
}

/** A booking made anyway (the dispatcher confirmed the rules it breaks), when `breaks`. */
const anyway = (breaks: boolean) =>
  breaks ? { override: { broken: [{ rule: 'window', reason: 'the only engineer free' }] } } : {};

/**
 * An adapter that fails its first `failures` sends (or the sends of those numbers, counted from 1), recording each
 * call.
 */
function flaky(failures: number | readonly number[]): NotifierAdapter & { calls: OutboxMessage[] } {
  const calls: OutboxMessage[] = [];
  const fails = (n: number) => (typeof failures === 'number' ? n <= failures : failures.includes(n));
  return {
    channel: 'sms',
    calls,
    send: async (m) => {
      calls.push(m);
      if (fails(calls.length)) throw new Error(`gateway busy (${calls.length})`);
    },
  };
}

/** A notifier whose failed sends wait a minute for their retry. */
const retrying = (store: NotifierOptions['store'], adapter: NotifierAdapter, now: () => number) =>
  new Notifier({ store, adapter, timeZone: city.meta.timeZone, now, retryBaseMs: 60_000, random: () => 1 });

describe('Notifier', () => {
  it("gives the server's event loop back during a long round, so sockets and handshakes are served meanwhile", async () => {
    const { store, clock } = await setup();
    // Sixty notes: order events the notifier reads in one round (and finds nothing in to tell the customer).
    const notes = Array.from({ length: 60 }, (_, i) => ({
      id: 1 + i,
      name: 'addNote',
      args: { orderId: order.id, text: `note ${i}` },
      createdAt: clock.t,
    }));
    const r = await store.applyPush('c-1', dispatcher, notes, () => clock.t);
    expect(r.results.map((x) => x.status)).toEqual(notes.map(() => 'applied'));
    const notifier = new Notifier({ store, timeZone: city.meta.timeZone, now: () => clock.t });
    let served = false;
    setImmediate(() => (served = true));
    expect(await notifier.readEvents()).toEqual([]);
    // SQLite answers synchronously: without the notifier's pauses the whole round ran before anything else could.
    expect(served).toBe(true);
  });

  it('retries a failed send after a doubling backoff, then sends it once', async () => {
    const { store, clock, setStatus } = await setup();
    const adapter = flaky(2);
    const notifier = new Notifier({
      store,
      adapter,
      timeZone: city.meta.timeZone,
      now: () => clock.t,
      retryBaseMs: 1_000,
      retryMaxMs: 60_000,
      random: () => 1,
    });
    await setStatus('dispatched');
    expect(await notifier.tick()).toMatchObject({ settled: [] });
    const [m] = await store.messagesFor(order.id);
    expect(m).toMatchObject({ state: 'queued', attempts: 1, nextAt: clock.t + 1_000, lastError: 'gateway busy (1)' });

    clock.t += 999; // not due yet: no attempt
    await notifier.deliver();
    expect(adapter.calls).toHaveLength(1);
    clock.t += 1;
    await notifier.deliver();
    expect(adapter.calls).toHaveLength(2);
    expect((await store.messagesFor(order.id))[0]).toMatchObject({ attempts: 2, nextAt: clock.t + 2_000 });
    clock.t += 2_000;
    expect(await notifier.deliver()).toEqual([m!.key]);
    expect(adapter.calls.map((c) => c.key)).toEqual([m!.key, m!.key, m!.key]);
    expect((await store.messagesFor(order.id))[0]).toMatchObject({ state: 'sent', attempts: 3, sentAt: clock.t });
    clock.t += 3_600_000;
    await notifier.tick();
    expect(adapter.calls).toHaveLength(3);
    const told = (await store.eventsFor(order.id)).filter((e) => e.kind === 'customer_notified');
    expect(told.map((e) => CustomerNotified.parse(e.data))).toMatchObject([
      { state: 'sent', attempts: 3, channel: 'sms' },
    ]);
  });

  it('gives up after its last attempt and says so on the trail', async () => {
    const { store, clock, setStatus } = await setup();
    const notifier = new Notifier({
      store,
      adapter: flaky(99),
      timeZone: city.meta.timeZone,
      now: () => clock.t,
      maxAttempts: 2,
      retryBaseMs: 10,
      random: () => 1,
    });
    await setStatus('dispatched');
    await notifier.tick();
    clock.t += 10;
    expect(await notifier.deliver()).toHaveLength(1);
    expect((await store.messagesFor(order.id))[0]).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: 'gateway busy (2)',
    });
    const told = (await store.eventsFor(order.id)).filter((e) => e.kind === 'customer_notified');
    expect(told.map((e) => CustomerNotified.parse(e.data).state)).toEqual(['failed']);
  });

  it('tells of the same event and window once, however often the order goes through it', async () => {
    const { store, clock, setStatus } = await setup();
    const adapter = flaky(0);
    const notifier = new Notifier({ store, adapter, timeZone: city.meta.timeZone, now: () => clock.t });
    await setStatus('dispatched');
    await notifier.tick();
    await setStatus('scheduled'); // recalled, then sent again in the same window
    await setStatus('dispatched');
    clock.t += 60_000;
    await notifier.tick();
    expect(adapter.calls.map((c) => c.event)).toEqual(['dispatched']);
    expect(order.window).toBeDefined();
    expect((await store.messagesFor(order.id)).map((m) => m.key)).toEqual([
      `${order.id}:dispatched:${order.window!.start}-${order.window!.end}`,
    ]);
  });

  it('names the engineer as the tracking page does: 李师傅 to a Chinese customer', async () => {
    const { store, clock, setStatus } = await setup();
    const engineer = city.engineers.find((e) => e.id === order.booking!.engineerId)!;
    expect(engineer.name).toMatch(/^\p{Script=Han}{2,3}$/u);
    expect(customerLanguage(order, city.meta.timeZone)).toBe('zh');
    const notifier = new Notifier({ store, adapter: flaky(0), timeZone: city.meta.timeZone, now: () => clock.t });
    await setStatus('dispatched');
    await notifier.tick();
    const [told] = await store.messagesFor(order.id);
    expect(told).toMatchObject({ event: 'dispatched' });
    expect(told!.body).toContain(`已派给${engineer.name[0]}师傅，`);
  });

  it("writes to a customer with no language on file in the centre's: English in London, Chinese in Shanghai", async () => {
    // A caller logged without a language: the London centre writes to them in English, not Chinese.
    const bare = ({ language: _, ...customer }: WorkOrder['customer']): WorkOrder['customer'] => customer;
    const generated = generateScenario({ seed: 5, engineers: 6, orders: 30, area: 'london' });
    const london = { ...generated, orders: generated.orders.map((o) => ({ ...o, customer: bare(o.customer) })) };
    const booked = london.orders.find((o) => o.status === 'scheduled' && o.booking && o.window)!;
    expect(booked.customer.language).toBeUndefined();
    expect(london.meta.timeZone).toBe('Europe/London');
    expect(customerLanguage(booked, london.meta.timeZone)).toBe('en');
    const { store, clock, setStatus } = await setup(london, booked);
    const notifier = new Notifier({ store, adapter: flaky(0), timeZone: london.meta.timeZone, now: () => clock.t });
    await setStatus('dispatched');
    await notifier.tick();
    const [told] = await store.messagesFor(booked.id);
    expect(told).toMatchObject({ event: 'dispatched', lang: 'en' });
    expect(told!.body).toMatch(new RegExp(`^Your order ${booked.code} is with \\S+, visiting `));
    // The same customer in a Shanghai centre is written to in Chinese; one with a language on file keeps theirs.
    expect(customerLanguage(booked, 'Asia/Shanghai')).toBe('zh');
    expect(customerLanguage({ customer: { ...booked.customer, language: 'zh' } }, 'Europe/London')).toBe('zh');
  });

  it('writes the engineer’s name as the page does in either language, and leaves it out when unknown', () => {
    const o = { code: 'WO-1', window: { start: Date.UTC(2026, 0, 5, 2), end: Date.UTC(2026, 0, 5, 4) }, booking: null };
    const body = (lang: 'zh' | 'en', name: string | null) => messageBody('departed', o, lang, 'UTC', undefined, name);
    expect(body('zh', '欧阳娜娜')).toBe('欧阳师傅已出发前往您处（工单 WO-1）。');
    expect(body('en', '李杰')).toBe('李杰 is on the way to you (order WO-1).');
    expect(body('en', 'Tom Baker')).toBe('Tom is on the way to you (order WO-1).');
    expect(body('zh', null)).toBe('工程师已出发前往您处（工单 WO-1）。');
    expect(body('en', null)).toBe('The engineer is on the way to you (order WO-1).');
    expect(messageBody('nearby', o, 'zh', 'UTC', undefined, '何敏')).toBe('何师傅约 15 分钟后到达（工单 WO-1）。');
  });

  it('tells a customer without an appointment window the planned arrival, not the booking’s start to its end', async () => {
    const { store, clock, setStatus, change } = await setup();
    const notifier = new Notifier({ store, adapter: flaky(0), timeZone: city.meta.timeZone, now: () => clock.t });
    const at = (t: number) =>
      new Intl.DateTimeFormat('zh-CN', {
        timeZone: city.meta.timeZone,
        month: 'long',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(t);
    const { start, engineerId } = unwindowed.booking!;
    await setStatus('dispatched', unwindowed.id);
    await notifier.tick();
    const [dispatched] = await store.messagesFor(unwindowed.id);
    expect(dispatched!.body).toMatch(
      new RegExp(`^您的工单 ${unwindowed.code} 已派给.+师傅，预计 ${at(start)} 上门。$`),
    );
    expect(dispatched!.key).toBe(`${unwindowed.id}:dispatched:${start}`);

    // Moved three quarters of an hour later: the customer hears of the new planned arrival.
    clock.t += 60_000;
    await change('moveBooking', { engineerId, start: start + 45 * 60_000 }, unwindowed.id);
    await notifier.tick();
    const changed = (await store.messagesFor(unwindowed.id)).find((m) => m.event === 'window_changed');
    expect(changed?.body).toBe(`您的工单 ${unwindowed.code} 预计上门时间已改为 ${at(start + 45 * 60_000)}。`);
    expect(changed?.key).toBe(`${unwindowed.id}:window_changed:${start + 45 * 60_000}`);
    expect(promisedTag(promised((await store.order(unwindowed.id))!))).toBe(`${start + 45 * 60_000}`);
  });

  it('quotes a planned arrival without a window, and the window when there is one', () => {
    const booking = {
      engineerId: 'eng-1',
      start: Date.UTC(2026, 11, 7, 5, 53), // 13:53 in Shanghai
      end: Date.UTC(2026, 11, 7, 7, 33),
      pinned: false,
    };
    const p1: Pick<WorkOrder, 'code' | 'window' | 'booking'> = { code: 'WO-2', window: null, booking };
    const body = (event: 'booked' | 'dispatched' | 'window_changed', lang: 'zh' | 'en', o = p1) =>
      messageBody(event, o, lang, 'Asia/Shanghai', undefined, '李杰');
    expect(body('booked', 'zh')).toBe('您的工单 WO-2 已预约，预计 12月7日 13:53 上门。');
    expect(body('booked', 'en')).toBe('Your order WO-2 is booked, planned arrival 7 Dec, 13:53.');
    expect(body('dispatched', 'zh')).toBe('您的工单 WO-2 已派给李师傅，预计 12月7日 13:53 上门。');
    expect(body('dispatched', 'en')).toBe('Your order WO-2 is with 李杰, planned arrival 7 Dec, 13:53.');
    expect(body('window_changed', 'zh')).toBe('您的工单 WO-2 预计上门时间已改为 12月7日 13:53。');
    expect(body('window_changed', 'en')).toBe('The planned arrival for your order WO-2 is now 7 Dec, 13:53.');
    // A promised window is quoted as before, whatever the booking.
    const promisedWindow = { ...p1, window: { start: Date.UTC(2026, 11, 7, 5), end: Date.UTC(2026, 11, 7, 9) } };
    expect(body('booked', 'zh', promisedWindow)).toBe('您的工单 WO-2 已预约，上门时间 12月7日 13:00–17:00。');
    expect(body('window_changed', 'en', promisedWindow)).toBe(
      'The visit for your order WO-2 is now 7 Dec, 13:00–17:00.',
    );
    // Nothing booked yet: to be confirmed.
    expect(messageBody('booked', { ...p1, booking: null }, 'zh', 'Asia/Shanghai', undefined)).toBe(
      '您的工单 WO-2 已预约，上门时间 待定。',
    );
  });

  it('tells a customer booked outside their window the planned arrival, and each change of what they were told', async () => {
    const { store, clock, setStatus, change } = await setup();
    const adapter = flaky(0);
    const notifier = new Notifier({ store, adapter, timeZone: city.meta.timeZone, now: () => clock.t });
    const w = order.window!;
    const { engineerId } = order.booking!;
    const surname = city.engineers.find((e) => e.id === engineerId)!.name[0]!;
    const inWindow = `您的工单 ${order.code} 上门时间已改为 ${day(w.start)} ${hm(w.start)}–${hm(w.end)}。`;
    const outside = (t: number) =>
      `您的工单 ${order.code} 预计上门时间已改为 ${day(t)} ${hm(t)}（晚于约定的 ${hm(w.start)}–${hm(w.end)} 时段）。`;
    /** Moves the booking to `start` a minute on (booked anyway when that breaks the window); what the round sent. */
    const moveTo = async (start: number) => {
      clock.t += 60_000;
      const breaks = start < w.start || start > w.end;
      const override = breaks ? { override: { broken: [{ rule: 'window', reason: 'the only engineer free' }] } } : {};
      await change('moveBooking', { engineerId, start, ...override });
      const before = adapter.calls.length;
      await notifier.tick();
      return adapter.calls.slice(before).map((m) => m.body);
    };

    await setStatus('dispatched');
    await notifier.tick();
    expect(adapter.calls.map((m) => m.body)).toEqual([
      `您的工单 ${order.code} 已派给${surname}师傅，上门时间 ${day(w.start)} ${hm(w.start)}–${hm(w.end)}。`,
    ]);
    // Booked anyway an hour after the window: the customer is told when the engineer will come, not the window.
    const late = w.end + 60 * 60_000;
    expect(await moveTo(late)).toEqual([outside(late)]);
    expect(await moveTo(late)).toEqual([]); // the same booking again: nothing new to tell
    expect(await moveTo(late + 15 * 60_000)).toEqual([]); // a nudge within the tolerance: not worth a text
    expect(await moveTo(late + 45 * 60_000)).toEqual([outside(late + 45 * 60_000)]);
    // Back inside the window: told the window again, though they were told it once before.
    expect(await moveTo(w.start + 30 * 60_000)).toEqual([inWindow]);
    expect(await moveTo(w.start)).toEqual([]); // still inside: the window they were told holds
    // Out again to a time they were told before: news again, since they were told the window since.
    expect(await moveTo(late)).toEqual([outside(late)]);

    // Each under a key of its own: what the customer was told, and a count when it is told again.
    const promisedWindow = `${w.start}-${w.end}`;
    const told = await store.messagesFor(order.id);
    expect(told.map((m) => [m.key, m.state])).toEqual([
      [`${order.id}:dispatched:${promisedWindow}`, 'sent'],
      [`${order.id}:window_changed:${promisedWindow}@${late}`, 'sent'],
      [`${order.id}:window_changed:${promisedWindow}@${late + 45 * 60_000}`, 'sent'],
      [`${order.id}:window_changed:${promisedWindow}`, 'sent'],
      [`${order.id}:window_changed:${promisedWindow}@${late}#1`, 'sent'],
    ]);
  });

  it('tells a customer booked before their window, and booked again inside it, each booking in English', async () => {
    const generated = generateScenario({ seed: 5, engineers: 6, orders: 30, area: 'london' });
    const booked = generated.orders.find((o) => o.status === 'scheduled' && o.booking && o.window)!;
    const { store, clock, change } = await setup(generated, booked);
    const adapter = flaky(0);
    const notifier = new Notifier({ store, adapter, timeZone: generated.meta.timeZone, now: () => clock.t });
    expect(customerLanguage(booked, generated.meta.timeZone)).toBe('en');
    const w = booked.window!;
    const { engineerId } = booked.booking!;
    /** Takes the booking back to the queue and books it at `start`; what the round sent. */
    const bookAt = async (start: number) => {
      clock.t += 60_000;
      await change('unassignOrder', {});
      await change('assignOrder', { engineerId, start });
      const before = adapter.calls.length;
      await notifier.tick();
      return adapter.calls.slice(before).map((m) => m.body);
    };
    const early = w.start - 2 * 3_600_000;
    const earlyText = `Your order ${booked.code} is booked, planned arrival 2 Mar, 13:00 (earlier than your 15:00–17:00 window).`;
    expect(await bookAt(early)).toEqual([earlyText]);
    expect(await bookAt(early)).toEqual([]);
    expect(await bookAt(w.start)).toEqual([`Your order ${booked.code} is booked for 2 Mar, 15:00–17:00.`]);
    expect(await bookAt(early)).toEqual([earlyText]);
  });

  it('tells a customer whose booking was undone that the visit is no longer scheduled, once, and the new time when booked again', async () => {
    const { store, clock, change } = await setup();
    const adapter = flaky(0);
    const notifier = new Notifier({ store, adapter, timeZone: city.meta.timeZone, now: () => clock.t });
    const w = order.window!;
    const { engineerId } = order.booking!;
    /** A dispatcher's change a minute on, then a round; what the round sent. */
    const then = async (name: string, args: Record<string, unknown> = {}) => {
      clock.t += 60_000;
      await change(name, args);
      const before = adapter.calls.length;
      await notifier.tick();
      return adapter.calls.slice(before).map((m) => m.body);
    };
    const bookedText = `您的工单 ${order.code} 已预约，上门时间 ${day(w.start)} ${hm(w.start)}–${hm(w.end)}。`;
    const unscheduledText = `您的工单 ${order.code} 暂不安排上门，我们会另行联系您约定新的时间。`;

    // Back to the queue before the customer was told anything: nothing to take back.
    expect(await then('unassignOrder')).toEqual([]);
    expect(await then('assignOrder', { engineerId, start: w.start })).toEqual([bookedText]);
    // Undo (Ctrl+Z) of the booking: the order is back in the queue, and the customer hears so, once.
    expect(await then('unassignOrder')).toEqual([unscheduledText]);
    await notifier.tick();
    expect(adapter.calls).toHaveLength(2);
    // Booked again (redo, or another time): the customer is told the time, though they were told it once before.
    expect(await then('assignOrder', { engineerId, start: w.start + 30 * 60_000 })).toEqual([bookedText]);
    expect(await then('unassignOrder')).toEqual([unscheduledText]);

    const told = await store.messagesFor(order.id);
    expect(told.map((m) => [m.key, m.state])).toEqual([
      [`${order.id}:booked:${w.start}-${w.end}`, 'sent'],
      [`${order.id}:unscheduled:${w.start}-${w.end}`, 'sent'],
      [`${order.id}:booked:${w.start}-${w.end}#1`, 'sent'],
      [`${order.id}:unscheduled:${w.start}-${w.end}#1`, 'sent'],
    ]);
  });

  it('tells the customer of a hold, a release to the queue and a cancellation, and of the booking again when undone', async () => {
    const { store, clock, change, setStatus } = await setup();
    const adapter = flaky(0);
    const notifier = new Notifier({ store, adapter, timeZone: city.meta.timeZone, now: () => clock.t });
    /** Runs `step` a minute on, then a round; the events of what the round sent. */
    const then = async (step: () => Promise<void>) => {
      clock.t += 60_000;
      await step();
      const before = adapter.calls.length;
      await notifier.tick();
      return adapter.calls.slice(before).map((m) => m.event);
    };
    /** The undo of a cancellation or of a hold of a dispatched order: the order back with its booking. */
    const restore = (status: string, booking: WorkOrder['booking']) => () =>
      change('restoreOrder', { status, booking, reason: 'customer called off' });
    const booking = order.booking!;

    expect(await then(() => setStatus('dispatched'))).toEqual(['dispatched']);
    // Held, and the hold undone: no longer scheduled, then the visit again.
    expect(await then(() => setStatus('on_hold'))).toEqual(['unscheduled']);
    expect(await then(restore('dispatched', booking))).toEqual(['dispatched']);
    // Cancelled: told so (the message is not withheld, it is the news), and the cancellation undone.
    expect(await then(() => change('cancelOrder', { reason: 'customer called off' }))).toEqual(['cancelled']);
    expect((await store.messagesFor(order.id)).at(-1)).toMatchObject({ event: 'cancelled', state: 'sent' });
    expect(await then(restore('dispatched', booking))).toEqual(['dispatched']);
    // Held, then released to the queue: told once; released with its booking: told the visit.
    expect(await then(() => setStatus('on_hold'))).toEqual(['unscheduled']);
    expect(await then(() => setStatus('scheduled'))).toEqual(['booked']);
    expect(await then(() => setStatus('on_hold'))).toEqual(['unscheduled']);
    expect(await then(() => setStatus('new'))).toEqual([]);
    // Cancelled from the queue: they were told of a visit, then that it is not scheduled; now that it is off.
    expect(await then(() => change('cancelOrder', { reason: 'customer called off' }))).toEqual(['cancelled']);
    expect(await then(async () => {})).toEqual([]);
  });

  it('says nothing of a cancellation or a hold to a customer who was never told of a visit', async () => {
    const { store, clock, change, setStatus } = await setup();
    const adapter = flaky(0);
    const notifier = new Notifier({ store, adapter, timeZone: city.meta.timeZone, now: () => clock.t });
    await setStatus('on_hold');
    await notifier.tick();
    clock.t += 60_000;
    await change('cancelOrder', { reason: 'customer called off' });
    await notifier.tick();
    expect(adapter.calls).toEqual([]);
    expect(await store.messagesFor(order.id)).toEqual([]);
  });

  it('reads what the customer was told in the order they were told it, within one tick of the clock too', async () => {
    const { store, clock, change, setStatus } = await setup();
    const adapter = flaky(0);
    const notifier = new Notifier({ store, adapter, timeZone: city.meta.timeZone, now: () => clock.t });
    // The clock stands still: dispatched, cancelled and the cancellation undone, each with a round of its own.
    await setStatus('dispatched');
    await notifier.tick();
    await change('cancelOrder', { reason: 'customer called off' });
    await notifier.tick();
    await change('restoreOrder', { status: 'dispatched', booking: order.booking, reason: 'customer called off' });
    await notifier.tick();
    expect(adapter.calls.map((m) => m.event)).toEqual(['dispatched', 'cancelled', 'dispatched']);
    const told = await store.messagesFor(order.id);
    expect(told.map((m) => m.event)).toEqual(['dispatched', 'cancelled', 'dispatched']);
    expect(told.map((m) => m.createdAt)).toEqual([clock.t, clock.t + 1, clock.t + 2]);
  });

  it('re-tells a planned arrival only when it has moved more than the tolerance from what the customer was told', async () => {
    const { store, clock, setStatus, change } = await setup();
    const adapter = flaky(0);
    const notifier = new Notifier({ store, adapter, timeZone: city.meta.timeZone, now: () => clock.t });
    const { start, engineerId } = unwindowed.booking!;
    /** Moves the booking `min` minutes from its first start, a minute on; the events of what the round sent. */
    const nudge = async (min: number) => {
      clock.t += 60_000;
      await change('moveBooking', { engineerId, start: start + min * 60_000 }, unwindowed.id);
      const before = adapter.calls.length;
      await notifier.tick();
      return adapter.calls.slice(before).map((m) => m.key);
    };
    expect(RETELL_TOLERANCE_MIN).toBe(30);
    await setStatus('dispatched', unwindowed.id);
    await notifier.tick();
    expect(adapter.calls.map((m) => m.key)).toEqual([`${unwindowed.id}:dispatched:${start}`]);
    // Nudged by a quarter of an hour at a time: within the tolerance of what the customer was told, no text.
    expect(await nudge(15)).toEqual([]);
    expect(await nudge(30)).toEqual([]);
    // The nudges add up to more than the tolerance from what they were told: told once, the new time.
    expect(await nudge(45)).toEqual([`${unwindowed.id}:window_changed:${start + 45 * 60_000}`]);
    // Measured from that message now: back a quarter of an hour, nothing; back to the first time, told again.
    expect(await nudge(30)).toEqual([]);
    expect(await nudge(0)).toEqual([`${unwindowed.id}:window_changed:${start}`]);
    expect(adapter.calls.at(-1)!.body).toMatch(new RegExp(`^您的工单 ${unwindowed.code} 预计上门时间已改为 `));
  });

  it('re-tells a windowed booking when it leaves the window, however little, but not for a nudge outside it', async () => {
    const { store, clock, setStatus, change } = await setup();
    const adapter = flaky(0);
    const notifier = new Notifier({ store, adapter, timeZone: city.meta.timeZone, now: () => clock.t });
    const w = order.window!;
    const { engineerId } = order.booking!;
    /** Moves the booking to `min` minutes after the window's end (booked anyway outside it); the keys sent. */
    const moveTo = async (min: number) => {
      clock.t += 60_000;
      const start = w.end + min * 60_000;
      const breaks = start < w.start || start > w.end;
      const override = breaks ? { override: { broken: [{ rule: 'window', reason: 'the only engineer free' }] } } : {};
      await change('moveBooking', { engineerId, start, ...override });
      const before = adapter.calls.length;
      await notifier.tick();
      return adapter.calls.slice(before).map((m) => m.key);
    };
    await setStatus('dispatched');
    await notifier.tick();
    const promisedWindow = `${w.start}-${w.end}`;
    expect(await moveTo(-20)).toEqual([]); // inside the window they were told
    expect(await moveTo(5)).toEqual([`${order.id}:window_changed:${promisedWindow}@${w.end + 5 * 60_000}`]);
    expect(await moveTo(20)).toEqual([]);
    expect(await moveTo(-10)).toEqual([]); // back inside, ten minutes from what they were told
    expect(await moveTo(40)).toEqual([`${order.id}:window_changed:${promisedWindow}@${w.end + 40 * 60_000}`]);
  });

  it('never sends a message that a later one has made untrue, nor says a visit is off to a customer never told of it', async () => {
    const { store, clock, setStatus, change } = await setup();
    // The gateway fails the first send and the third: those messages wait for their retry.
    const adapter = flaky([1, 3]);
    const calls = adapter.calls;
    const notifier = retrying(store, adapter, () => clock.t);
    const { start, engineerId } = unwindowed.booking!;
    const states = async () => (await store.messagesFor(unwindowed.id)).map((m) => [m.event, m.state]);

    // Dispatched, but the message waits for its retry when the order goes back to the queue: the customer has heard
    // of no visit, so neither the dispatch (out of date) nor that it is off goes out.
    await setStatus('dispatched', unwindowed.id);
    await notifier.tick();
    clock.t += 1_000;
    await change('unassignOrder', {}, unwindowed.id);
    await notifier.tick();
    clock.t += 60_000;
    await notifier.tick();
    expect(await states()).toEqual([
      ['dispatched', 'withheld'],
      ['unscheduled', 'withheld'],
    ]);
    expect(calls).toHaveLength(1);

    // Booked and told; moved an hour on, that message waits for its retry while the booking moves back: the customer
    // hears the latest time only, never the hour that no longer holds.
    clock.t += 60_000;
    await change('assignOrder', { engineerId, start }, unwindowed.id);
    await notifier.tick();
    clock.t += 60_000;
    await change('moveBooking', { engineerId, start: start + 60 * 60_000 }, unwindowed.id);
    await notifier.tick();
    clock.t += 1_000;
    await change('moveBooking', { engineerId, start: start + 120 * 60_000 }, unwindowed.id);
    await notifier.tick();
    clock.t += 120_000;
    await notifier.tick();
    expect((await states()).slice(2)).toEqual([
      ['booked', 'sent'],
      ['window_changed', 'withheld'],
      ['window_changed', 'sent'],
    ]);
    expect(calls.at(-1)!.key).toBe(`${unwindowed.id}:window_changed:${start + 120 * 60_000}`);
  });

  it('tells a customer told who was coming of another engineer once, with the time only when that changed too', async () => {
    const { store, clock, setStatus, change } = await setup();
    const adapter = flaky(0);
    const notifier = new Notifier({ store, adapter, timeZone: city.meta.timeZone, now: () => clock.t });
    const w = order.window!;
    const { start } = order.booking!;
    const [second, third] = others(order);
    /** Runs `step` a minute on, then a round; the bodies of what the round sent. */
    const then = async (step: () => Promise<void>) => {
      clock.t += 60_000;
      await step();
      const before = adapter.calls.length;
      await notifier.tick();
      return adapter.calls.slice(before).map((m) => m.body);
    };
    const reassign =
      (engineerId: string, at = start) =>
      () =>
        change('moveBooking', { engineerId, start: at, ...anyway(at < w.start || at > w.end) });

    expect(await then(() => setStatus('dispatched'))).toHaveLength(1);
    // Given to another engineer at the same time: told who is coming now, and that the time stands.
    expect(await then(reassign(second.id))).toEqual([
      `您的工单 ${order.code} 已改派给${second.name[0]}师傅，上门时间不变。`,
    ]);
    // Dispatched to them, and another round: nothing more (they were told of this engineer).
    expect(await then(() => setStatus('dispatched'))).toEqual([]);
    expect(await then(async () => {})).toEqual([]);
    // Given to a third an hour after the window: one message naming them, with the new time.
    const late = w.end + 60 * 60_000;
    expect(await then(reassign(third.id, late))).toEqual([
      `您的工单 ${order.code} 已改派给${third.name[0]}师傅，预计 ${day(late)} ${hm(late)} 上门（晚于约定的 ${hm(w.start)}–${hm(w.end)} 时段）。`,
    ]);
    // Back to the second inside the window: told of them again, and of the window.
    expect(await then(reassign(second.id))).toEqual([
      `您的工单 ${order.code} 已改派给${second.name[0]}师傅，上门时间 ${day(w.start)} ${hm(w.start)}–${hm(w.end)}。`,
    ]);
    const told = await store.messagesFor(order.id);
    expect(told.map((m) => m.key)).toEqual([
      `${order.id}:dispatched:${w.start}-${w.end}`,
      `${order.id}:engineer_changed:${second.id}:${w.start}-${w.end}`,
      `${order.id}:engineer_changed:${third.id}:${w.start}-${w.end}@${late}`,
      `${order.id}:engineer_changed:${second.id}:${w.start}-${w.end}#1`,
    ]);
    // The time is still measured from what the customer was told: a nudge in the window is nothing, as before.
    expect(await then(reassign(second.id, start + 10 * 60_000))).toEqual([]);
  });

  it('says nothing of another engineer to a customer never told who was coming', async () => {
    const { store, clock, change } = await setup();
    const adapter = flaky(0);
    const notifier = new Notifier({ store, adapter, timeZone: city.meta.timeZone, now: () => clock.t });
    const { start, engineerId } = order.booking!;
    const [second, third] = others(order);
    // Nothing told yet: a reassignment is no news.
    await change('moveBooking', { engineerId: second.id, start });
    await notifier.tick();
    expect(adapter.calls).toEqual([]);
    // Told of the booking, not of the engineer: reassigned at the same time, still nothing; booked in the same round
    // as it is reassigned, the booking is told (naming no one) and the reassignment is not.
    clock.t += 60_000;
    await change('unassignOrder', {});
    await change('assignOrder', { engineerId, start });
    await change('moveBooking', { engineerId: third.id, start });
    await notifier.tick();
    clock.t += 60_000;
    await change('moveBooking', { engineerId: second.id, start });
    await notifier.tick();
    expect(adapter.calls.map((m) => m.event)).toEqual(['booked']);
  });

  it('reads a reassignment and its undo within one round as no news, and a dispatch and reassignment as one message', async () => {
    const { store, clock, setStatus, change } = await setup();
    const adapter = flaky(0);
    const notifier = new Notifier({ store, adapter, timeZone: city.meta.timeZone, now: () => clock.t });
    const { start, engineerId } = order.booking!;
    const [second, third] = others(order);
    await setStatus('dispatched');
    await notifier.tick();
    // Given to another engineer and back (an undo) before the notifier's next round: the customer's engineer stands.
    clock.t += 60_000;
    await change('moveBooking', { engineerId: second.id, start });
    await change('moveBooking', { engineerId, start });
    await notifier.tick();
    expect(adapter.calls.map((m) => m.event)).toEqual(['dispatched']);
    // Another order dispatched and given to another engineer within one round: one message, naming the last.
    const other = city.orders.find((o) => o.id !== order.id && o.status === 'scheduled' && o.booking && o.window)!;
    clock.t += 60_000;
    await setStatus('dispatched', other.id);
    await change('moveBooking', { engineerId: third.id, start: other.booking!.start }, other.id);
    await notifier.tick();
    expect(adapter.calls.slice(1).map((m) => [m.event, m.body.includes(`${third.name[0]}师傅`)])).toEqual([
      ['dispatched', true],
    ]);
  });

  it('never tells of an engineer who is no longer coming, and names the engineer in a new time until told of them', async () => {
    const { store, clock, setStatus, change } = await setup();
    // The gateway fails the second send and the fourth: those messages wait for their retry.
    const adapter = flaky([2, 4]);
    const calls = adapter.calls;
    const notifier = retrying(store, adapter, () => clock.t);
    const { start } = unwindowed.booking!;
    const [second, third] = others(unwindowed);
    const states = async () => (await store.messagesFor(unwindowed.id)).map((m) => [m.key, m.state]);
    const id = unwindowed.id;
    await setStatus('dispatched', id);
    await notifier.tick();
    // Given to a second engineer: that message waits for its retry while the order goes to a third, so the
    // customer hears of the third only.
    clock.t += 60_000;
    await change('moveBooking', { engineerId: second.id, start }, id);
    await notifier.tick();
    clock.t += 1_000;
    await change('moveBooking', { engineerId: third.id, start }, id);
    await notifier.tick();
    clock.t += 120_000;
    await notifier.tick();
    expect(await states()).toEqual([
      [`${id}:dispatched:${start}`, 'sent'],
      [`${id}:engineer_changed:${second.id}:${start}`, 'withheld'],
      [`${id}:engineer_changed:${third.id}:${start}`, 'sent'],
    ]);
    // Given back to the second: that message waits for its retry while the arrival moves an hour: the new time
    // names the engineer (it replaces the message that would have), and the first is withheld.
    clock.t += 60_000;
    await change('moveBooking', { engineerId: second.id, start }, id);
    await notifier.tick();
    clock.t += 1_000;
    await change('moveBooking', { engineerId: second.id, start: start + 60 * 60_000 }, id);
    await notifier.tick();
    clock.t += 120_000;
    await notifier.tick();
    expect((await states()).slice(3)).toEqual([
      [`${id}:engineer_changed:${second.id}:${start}#1`, 'withheld'],
      [`${id}:engineer_changed:${second.id}:${start + 60 * 60_000}`, 'sent'],
    ]);
    expect(calls.at(-1)!.body).toMatch(new RegExp(`^您的工单 ${unwindowed.code} 已改派给${second.name[0]}师傅，预计 `));
  });

  it('writes in the customer’s language and gives the link when there is one', () => {
    const o = { code: 'WO-1', window: { start: Date.UTC(2026, 0, 5, 2), end: Date.UTC(2026, 0, 5, 4) }, booking: null };
    expect(messageBody('booked', o, 'en', 'Asia/Shanghai', 'https://t.example/x')).toBe(
      'Your order WO-1 is booked for 5 Jan, 10:00–12:00. Follow it: https://t.example/x',
    );
    expect(messageBody('booked', o, 'zh', 'Asia/Shanghai', undefined)).toBe(
      '您的工单 WO-1 已预约，上门时间 1月5日 10:00–12:00。',
    );
  });
});

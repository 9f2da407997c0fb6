import {
  BOOKED_STATUSES,
  type CustomerEvent,
  type CustomerNotified,
  type Engineer,
  type OrderEvent,
  type OutboxMessage,
  type WorkOrder,
} from '../../../shared/domain/index.js';
import { backoffDelay } from '../../../shared/time/index.js';
import type { EngineerPosition } from '../../../shared/sync/index.js';
import { driveMinutes, FRESH_MS } from '../customer/view.js';
import type { OutboxStore, Settlement } from '../store/outbox-rows.js';
import { outboxAdapter, type NotifierAdapter } from './adapters.js';
import {
  customerLanguage,
  engineerOfKey,
  messageBody,
  messageKey,
  promised,
  type Promised,
  promisedOfTag,
  tagOfKey,
  unrepeatedKey,
  worthTelling,
} from './messages.js';
import { noTrackingLinks, type TrackingLinks } from './tracking.js';

/** The store reads the notifier needs besides its own tables. */
export interface NotifierStore extends OutboxStore {
  order(id: string): Promise<WorkOrder | null>;
  engineer(id: string): Promise<Engineer | null>;
  /** Each engineer's latest reported position: where the 15-minute mark is measured from. */
  latestPositions(): Promise<EngineerPosition[]>;
}

export interface NotifierOptions {
  store: NotifierStore;
  adapter?: NotifierAdapter;
  links?: TrackingLinks;
  /**
   * The control centre's time zone, which messages quote times in; it also names the centre's area, whose language a
   * customer without one on file is written to in.
   */
  timeZone: string;
  now?: () => number;
  /** Attempts before a message is given up on, and the backoff between them (doubling from the base). */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  random?: () => number;
  /** How far back order events are read: what happened while the server was down longer than this is stale news. */
  lookbackMs?: number;
  /** Minutes of driving left at which the customer is told the engineer is near. */
  nearbyMin?: number;
  /** How long a delivery claims its messages (default: the adapter's `leaseMs`; see NotifierAdapter). */
  leaseMs?: number;
  /** Gives the event loop back between slices of a round (default: a macrotask, `setImmediate`). */
  pause?: () => Promise<void>;
  /** Minutes the engineer needs from their last position to the site; null when unknown. */
  etaMin?: (order: WorkOrder, from: { lat: number; lon: number }) => number | null;
  /** Called after a trail event was written (`seq` its change-log row), to poke consoles and the engineer's device. */
  onWritten?: (seq: number, engineerIds: string[]) => void;
  log?: (message: string, err?: unknown) => void;
}

const PAGE = 200;
/**
 * The notifier gives the server's event loop back after this many events or messages. On SQLite every store call is
 * synchronous, so without it a round after a restart (thousands of unread events) held every socket and handshake
 * until it was done.
 */
const YIELD_EVERY = 20;
const SYSTEM_ACTOR = { kind: 'system', id: 'notifier', name: 'Customer notifier' } as const;

/** The messages that tell the customer when (or whether) the visit is: what they know of it is the last of these. */
const TIME_EVENTS: ReadonlySet<CustomerEvent> = new Set([
  'booked',
  'dispatched',
  'window_changed',
  'engineer_changed',
  'unscheduled',
  'cancelled',
]);
/** The messages that tell the customer the visit is off. */
const UNBOOKED_EVENTS: ReadonlySet<CustomerEvent> = new Set(['unscheduled', 'cancelled']);
/** The messages that name the engineer: what the customer knows of who is coming is the last of these. */
const NAMING_EVENTS: ReadonlySet<CustomerEvent> = new Set(['dispatched', 'departed', 'nearby', 'engineer_changed']);

/**
 * What an order event may be news of: a booking, a dispatch, the engineer setting off, a change to a booked visit (its
 * time or engineer), or the visit being off (back in the queue, held or released, cancelled). A hold on site is not:
 * the engineer is there.
 */
function newsOf(ev: OrderEvent): 'booked' | 'dispatched' | 'departed' | 'window_changed' | 'unbooked' | null {
  switch (ev.kind) {
    case 'assigned':
      return 'booked';
    case 'moved':
    case 'updated':
      return 'window_changed';
    case 'unassigned':
    case 'cancelled':
      return 'unbooked';
    case 'status_changed':
      switch (ev.data.to) {
        case 'dispatched':
          return 'dispatched';
        case 'en_route':
          return 'departed';
        case 'scheduled':
          return 'window_changed';
        case 'new':
        case 'cancelled':
          return 'unbooked';
        case 'on_hold':
          return ev.data.from === 'on_site' ? null : 'unbooked';
        default:
          return null;
      }
    default:
      return null;
  }
}

/**
 * Tells customers about their order (issue 20): reads new order events into messages (booked, dispatched, engineer
 * set off, window changed; to a customer told who was coming, another engineer; to a customer told of a visit, that
 * it is no longer scheduled or cancelled), watches
 * engineers who set off for the 15-minute mark, and delivers queued messages through its adapter with retries. Each
 * message is queued once (its key names order, event and the visit time told:
 * the window, or the planned arrival when there is none or the booking is outside it) and settled once, with a
 * `customer_notified` event on the order's trail that consoles sync; a cancelled order is written to only that it is.
 */
export class Notifier {
  private readonly store: NotifierStore;
  private readonly adapter: NotifierAdapter;
  private readonly links: TrackingLinks;
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly random: () => number;
  private readonly lookbackMs: number;
  private readonly nearbyMin: number;
  private readonly leaseMs: number;
  private readonly pause: () => Promise<void>;
  private readonly etaMin: (order: WorkOrder, from: { lat: number; lon: number }) => number | null;
  private readonly log: (message: string, err?: unknown) => void;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly o: NotifierOptions) {
    this.store = o.store;
    this.adapter = o.adapter ?? outboxAdapter;
    this.links = o.links ?? noTrackingLinks;
    this.now = o.now ?? Date.now;
    this.maxAttempts = o.maxAttempts ?? 6;
    this.retryBaseMs = o.retryBaseMs ?? 5_000;
    this.retryMaxMs = o.retryMaxMs ?? 10 * 60_000;
    this.random = o.random ?? Math.random;
    this.lookbackMs = o.lookbackMs ?? 6 * 3_600_000;
    this.nearbyMin = o.nearbyMin ?? 15;
    this.leaseMs = o.leaseMs ?? this.adapter.leaseMs ?? 0;
    this.pause = o.pause ?? (() => new Promise((r) => setImmediate(r)));
    // The tracking page's ETA, so the message and the page agree on when the engineer is 15 minutes away.
    this.etaMin = o.etaMin ?? ((order, from) => driveMinutes(from, order.site));
    this.log = o.log ?? ((m, e) => console.error(m, e));
  }

  /** One round: read new events, look for engineers near, deliver what is due. Returns the keys settled. */
  async tick(): Promise<{ queued: string[]; settled: string[] }> {
    const queued = [...(await this.readEvents()), ...(await this.watchNearby())];
    const settled = await this.deliver();
    return { queued, settled };
  }

  /** Turns unread order events into queued messages; each event is read once (marked in the same transaction). */
  async readEvents(): Promise<string[]> {
    const queued: string[] = [];
    // The engineer each message naming one named, as far as this round has learnt it (see engineerTold).
    const named = new Map<string, string>();
    for (let page = 0; page < 50; page++) {
      const now = this.now();
      const events = await this.store.unreadEvents(now - this.lookbackMs, PAGE);
      if (events.length === 0) break;
      const messages: OutboxMessage[] = [];
      for (const [i, ev] of events.entries()) {
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await this.pause();
        const m = await this.messageFor(ev, messages, now, named);
        if (m) messages.push(m);
      }
      queued.push(
        ...(await this.store.queueMessages(
          events.map((e) => e.id),
          messages,
          now,
        )),
      );
      if (events.length < PAGE) break;
    }
    return queued;
  }

  /** What an order event tells the customer, if anything. */
  private async messageFor(
    ev: OrderEvent,
    sameRound: readonly OutboxMessage[],
    now: number,
    named: Map<string, string>,
  ): Promise<OutboxMessage | null> {
    const news = newsOf(ev);
    if (!news) return null;
    const order = await this.store.order(ev.orderId);
    if (!order) return null;
    const m = await this.newsFor(ev, news, order, sameRound, now, named);
    // A message naming the engineer named the one booked now (compose reads the order as it is now).
    if (m && NAMING_EVENTS.has(m.event) && order.booking) named.set(m.key, order.booking.engineerId);
    return m;
  }

  private async newsFor(
    ev: OrderEvent,
    news: NonNullable<ReturnType<typeof newsOf>>,
    order: WorkOrder,
    sameRound: readonly OutboxMessage[],
    now: number,
    named: Map<string, string>,
  ): Promise<OutboxMessage | null> {
    // What the customer knows is what they were told last: the messages so far, this round's included.
    const told = [...(await this.store.messagesFor(order.id)), ...sameRound.filter((m) => m.orderId === order.id)];
    const after = told.at(-1)?.createdAt;
    const last = told.findLast((m) => TIME_EVENTS.has(m.event));
    if (news === 'unbooked') {
      // Only a customer told of a visit hears that it is off, once: no longer scheduled (in the queue or held), or
      // cancelled. Booked again since (an undo in the same round), the event that booked it tells.
      if (!last) return null;
      if (order.status === 'cancelled')
        return last.event === 'cancelled' ? null : this.compose(order, 'cancelled', now, { told, after });
      if (order.status !== 'new' && order.status !== 'on_hold') return null;
      return last.event === 'unscheduled' ? null : this.compose(order, 'unscheduled', now, { told, after });
    }
    if (!BOOKED_STATUSES.has(order.status)) return null;
    if (news === 'departed') return this.compose(order, news, now, { after });
    // Told the visit was off (held, back in the queue, cancelled) and booked again: the visit's time, as new.
    if (last && UNBOOKED_EVENTS.has(last.event))
      return this.compose(order, news === 'dispatched' ? 'dispatched' : 'booked', now, { told, after });
    // A message quoting the visit's time, measured against what the customer was told last (see worthTelling): the
    // messages since that last changed enough to tell are what they know the visit from.
    const knows = (m: OutboxMessage) =>
      !UNBOOKED_EVENTS.has(m.event) && !worthTelling(promisedOfTag(tagOfKey(m.key)), order, this.o.timeZone);
    let since = told.length;
    while (since > 0 && knows(told[since - 1]!)) since--;
    const current = told.slice(since);
    // A customer told who was coming hears of another engineer once, with the time when that is news too (else the
    // key keeps the time they were told, so later moves are still measured from it).
    const naming = this.lastNaming(told);
    if (naming && order.booking && this.engineerTold(naming, ev, order, named) !== order.booking.engineerId) {
      const knownTime = last && knows(last) ? promisedOfTag(tagOfKey(last.key)) : undefined;
      return this.compose(order, 'engineer_changed', now, { told, after, knownTime });
    }
    if (news === 'window_changed') {
      // Only a customer already told of a visit time hears of a new one, and only when it is news to them. While the
      // message telling of a new engineer has not gone out, the new time names the engineer too (it replaces that one).
      if (!last || knows(last)) return null;
      if (naming?.event === 'engineer_changed' && naming.state !== 'sent')
        return this.compose(order, 'engineer_changed', now, { told, after });
    } else if (current.some((m) => m.event === news)) return null;
    return this.compose(order, news, now, { told, after });
  }

  /** The last message since the visit was last off that named the engineer (who the customer knows is coming). */
  private lastNaming(told: readonly OutboxMessage[]): OutboxMessage | undefined {
    const off = told.findLastIndex((m) => UNBOOKED_EVENTS.has(m.event));
    return told.slice(off + 1).findLast((m) => NAMING_EVENTS.has(m.event));
  }

  /**
   * The engineer a message naming one named: a new engineer's message names them in its key; one composed this round
   * named who was booked then (`named`). Of an earlier round's dispatched, set-off or nearby message, only a booking
   * moving to another engineer tells who it was (the engineer moved from, the first time this round sees one: only a
   * move changes a booked order's engineer, and each move is read in order); before any move, the one booked now.
   */
  private engineerTold(message: OutboxMessage, ev: OrderEvent, order: WorkOrder, named: Map<string, string>): string {
    if (message.event === 'engineer_changed')
      return engineerOfKey(message.orderId, message.key) ?? order.booking?.engineerId ?? '';
    const known = named.get(message.key);
    if (known !== undefined) return known;
    const from = ev.kind === 'moved' ? ev.data.fromEngineerId : undefined;
    if (typeof from !== 'string' || from === ev.data.engineerId) return order.booking?.engineerId ?? '';
    named.set(message.key, from);
    return from;
  }

  /**
   * A message about the order. `engineer`: the booked engineer when the caller has read them already; `told`: the
   * messages the customer was sent before (a message telling the same again after something else is keyed apart, see
   * messageKey); `after`: when the last of them was queued, so this one reads after it even within one clock tick.
   */
  private async compose(
    order: WorkOrder,
    event: CustomerEvent,
    now: number,
    {
      engineer,
      told = [],
      after,
      knownTime,
    }: {
      engineer?: Engineer | null;
      told?: readonly OutboxMessage[];
      after?: number;
      /** Another engineer at a time the customer was told (this), which the message does not quote again. */
      knownTime?: Promised | null | undefined;
    } = {},
  ): Promise<OutboxMessage> {
    const lang = customerLanguage(order, this.o.timeZone);
    const link = await this.links.trackingLink(order.id);
    engineer ??= order.booking ? await this.store.engineer(order.booking.engineerId) : null;
    // A visit that is off quotes no time: keyed by the window alone, whatever booking a hold kept.
    const p =
      knownTime !== undefined
        ? knownTime
        : UNBOOKED_EVENTS.has(event)
          ? promised({ window: order.window, booking: null })
          : promised(order);
    // A new engineer's message names them in its key: another engineer is another message.
    const engineerId = event === 'engineer_changed' ? order.booking?.engineerId : undefined;
    const base = messageKey(order.id, event, p, 0, engineerId);
    const repeat = told.filter((m) => unrepeatedKey(m.key) === base).length;
    const createdAt = after === undefined ? now : Math.max(now, after + 1);
    return {
      key: messageKey(order.id, event, p, repeat, engineerId),
      orderId: order.id,
      event,
      channel: this.adapter.channel,
      lang,
      body: messageBody(event, order, lang, this.o.timeZone, link, engineer?.name ?? null, knownTime !== undefined),
      link: link ?? null,
      state: 'queued',
      attempts: 0,
      nextAt: now,
      createdAt,
      sentAt: null,
      lastError: null,
    };
  }

  /** Queues "15 minutes away" for orders whose engineer set off and is now that close. */
  async watchNearby(): Promise<string[]> {
    const now = this.now();
    const messages: OutboxMessage[] = [];
    const awaiting = await this.store.awaitingNearby(now - this.lookbackMs, PAGE);
    // Measured from where the engineer last reported, as the tracking page's ETA is: the engineer record's own
    // position is where the day started, and measured from there the mark came with the set-off or never.
    const latest =
      awaiting.length > 0
        ? new Map((await this.store.latestPositions()).map((p) => [p.engineerId, p]))
        : new Map<string, EngineerPosition>();
    for (const orderId of awaiting) {
      const order = await this.store.order(orderId);
      if (!order || order.status !== 'en_route' || !order.booking) continue;
      const at = latest.get(order.booking.engineerId);
      if (!at || now - at.at > FRESH_MS) continue;
      const eta = this.etaMin(order, at);
      if (eta === null || eta > this.nearbyMin) continue;
      const engineer = await this.store.engineer(order.booking.engineerId);
      messages.push(await this.compose(order, 'nearby', now, { engineer }));
    }
    return messages.length > 0 ? this.store.queueMessages([], messages, now) : [];
  }

  /** Delivers the messages due now, one attempt each; returns the keys settled for good (sent, failed, withheld). */
  async deliver(): Promise<string[]> {
    const now = this.now();
    const settled: string[] = [];
    for (const [i, m] of (await this.store.claimDue(now, PAGE, now + this.leaseMs)).entries()) {
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await this.pause();
      const order = await this.store.order(m.orderId);
      let s: Settlement;
      // A cancelled order's customer is told nothing more than that it is cancelled, and nothing out of date.
      if (!order || (order.status === 'cancelled' && m.event !== 'cancelled') || (await this.outOfDate(m)))
        s = this.final(m, 'withheld', m.attempts, null, now);
      else {
        try {
          await this.adapter.send(m, order);
          s = this.final(m, 'sent', m.attempts + 1, null, now);
        } catch (err) {
          const attempts = m.attempts + 1;
          const why = (err instanceof Error ? err.message : String(err)).slice(0, 500);
          s =
            attempts >= this.maxAttempts
              ? this.final(m, 'failed', attempts, why, now)
              : {
                  key: m.key,
                  state: 'queued',
                  attempts,
                  nextAt: now + backoffDelay(attempts - 1, this.retryBaseMs, this.retryMaxMs, this.random),
                  sentAt: null,
                  lastError: why,
                  event: null,
                };
        }
      }
      const r = await this.store.settleMessage(s, now);
      if (r.settled && s.state !== 'queued') settled.push(m.key);
      if (r.seq > 0) this.o.onWritten?.(r.seq, order?.booking ? [order.booking.engineerId] : []);
    }
    return settled;
  }

  /**
   * Whether a message about the visit's time would tell the customer something no longer true: a later one about it
   * was queued (it waited for a retry meanwhile), or it says the visit is off to a customer who was sent nothing of it.
   */
  private async outOfDate(m: OutboxMessage): Promise<boolean> {
    if (!TIME_EVENTS.has(m.event)) return false;
    const all = await this.store.messagesFor(m.orderId);
    const at = all.findIndex((x) => x.key === m.key);
    if (at < 0) return false;
    if (all.slice(at + 1).some((x) => TIME_EVENTS.has(x.event))) return true;
    return UNBOOKED_EVENTS.has(m.event) && !all.slice(0, at).some((x) => x.state === 'sent');
  }

  private final(
    m: OutboxMessage,
    state: CustomerNotified['state'],
    attempts: number,
    lastError: string | null,
    now: number,
  ): Settlement {
    const data: CustomerNotified = {
      key: m.key,
      event: m.event,
      channel: m.channel,
      lang: m.lang,
      body: m.body,
      link: m.link,
      state,
      attempts,
    };
    return {
      key: m.key,
      state,
      attempts,
      nextAt: m.nextAt,
      sentAt: state === 'sent' ? now : null,
      lastError,
      event: {
        id: `notify:${m.key}`,
        orderId: m.orderId,
        kind: 'customer_notified',
        at: now,
        actor: SYSTEM_ACTOR,
        clientId: null,
        mutationId: null,
        data,
      },
    };
  }

  /** Runs a round every `intervalMs` (the next starts when the last has finished) until stopped. */
  start(intervalMs = 2_000): void {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .then(() => undefined)
        .catch((err: unknown) => this.log('notifier: a round failed; the next one retries', err))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

import { OutboxMessage, type OrderEvent } from '../../../shared/domain/index.js';

/** An outbox row as both stores keep it (snake_case columns). */
export interface OutboxRow {
  key: string;
  order_id: string;
  event: string;
  channel: string;
  lang: string;
  body: string;
  link: string | null;
  state: string;
  attempts: number;
  next_at: number;
  created_at: number;
  sent_at: number | null;
  last_error: string | null;
}

/** A row read back, through the contract: a row another version wrote wrong is an error, not a guess. */
export function messageOfRow(r: OutboxRow): OutboxMessage {
  return OutboxMessage.parse({
    key: r.key,
    orderId: r.order_id,
    event: r.event,
    channel: r.channel,
    lang: r.lang,
    body: r.body,
    link: r.link,
    state: r.state,
    attempts: r.attempts,
    nextAt: r.next_at,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    lastError: r.last_error,
  });
}

/** The columns of a message, in the order both stores' inserts take them. */
export function rowValues(m: OutboxMessage): Array<string | number | null> {
  return [
    m.key,
    m.orderId,
    m.event,
    m.channel,
    m.lang,
    m.body,
    m.link,
    m.state,
    m.attempts,
    m.nextAt,
    m.createdAt,
    m.sentAt,
    m.lastError,
  ];
}

/** How a delivery attempt ended: the row's new state, and the trail event to write with it (once, by its id). */
export interface Settlement {
  key: string;
  state: OutboxMessage['state'];
  attempts: number;
  nextAt: number;
  sentAt: number | null;
  lastError: string | null;
  event: OrderEvent | null;
}

/** An order event the notifier has not read yet. */
export interface UnreadEvent {
  event: OrderEvent;
}

/**
 * The notifier's side of a store (both stores implement it). Each write is one transaction, so a kill between two
 * leaves either all or none of a step.
 */
export interface OutboxStore {
  /** Order events written at or after `since` (server time) that the notifier has not read, oldest first. */
  unreadEvents(since: number, limit: number): Promise<OrderEvent[]>;
  /**
   * Marks the events read and queues the messages they gave, in one transaction; a message whose key is already in
   * the outbox is not queued again. Returns the keys newly queued.
   */
  queueMessages(readEventIds: readonly string[], messages: readonly OutboxMessage[], now: number): Promise<string[]>;
  /**
   * Claims the queued messages due by `now`, earliest first: each claimed message's next attempt moves to
   * `leaseUntil` in the same statement, so another server node claims it only if this one has not settled it by then
   * (it died mid-send). Two nodes never hold the same message at once.
   */
  claimDue(now: number, limit: number, leaseUntil: number): Promise<OutboxMessage[]>;
  /**
   * Records a delivery attempt's end on a still-queued message, with its trail event (once). `settled` is false when
   * the message was no longer queued (another attempt settled it); `seq` is the change-log row of the event, or 0.
   */
  settleMessage(s: Settlement, now: number): Promise<{ settled: boolean; seq: number }>;
  /** Every message for an order, oldest first. */
  messagesFor(orderId: string): Promise<OutboxMessage[]>;
  /** Orders told the engineer set off since `since` that have not been told the engineer is near. */
  awaitingNearby(since: number, limit: number): Promise<string[]>;
}

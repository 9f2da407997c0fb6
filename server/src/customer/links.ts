import { createHash, randomBytes } from 'node:crypto';
import type { OrderEvent, WorkOrder } from '../../../shared/domain/index.js';
import type { SyncStore, TrackingLink } from '../store/types.js';

/** How long a tracking link keeps working after its order is completed or cancelled. */
export const LINK_AFTER_DONE_MS = 24 * 3_600_000;
/** The longest a link works at all, for an order that never ends. */
export const LINK_MAX_AGE_MS = 60 * 24 * 3_600_000;

/** A token is 144 random bits, base64url: 24 characters. Anything else is refused before the store is asked. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{24}$/;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a new tracking link for one order; only its hash is stored. Returns the token (shown once). */
export async function issueTrackingLink(store: SyncStore, orderId: string, issuedBy: string, now: number) {
  const token = randomBytes(18).toString('base64url');
  await store.addTrackingLink({ tokenHash: hashToken(token), orderId, issuedAt: now, issuedBy });
  return token;
}

/**
 * Links for the notifier's messages (server/src/notify/tracking.ts): each message gets a link of its own, issued by
 * 'notifier', under `publicUrl`.
 */
export function notifierLinks(store: SyncStore, publicUrl: string, now: () => number) {
  return {
    async trackingLink(orderId: string): Promise<string | undefined> {
      const token = await issueTrackingLink(store, orderId, 'notifier', now());
      return `${publicUrl.replace(/\/$/, '')}/t/${token}`;
    },
  };
}

/** When an order ended (completed or cancelled) by its trail, or null while it is open. */
export function endedAt(order: WorkOrder, events: readonly OrderEvent[]): number | null {
  if (order.status !== 'completed' && order.status !== 'cancelled') return null;
  let at: number | null = null;
  for (const e of events)
    if (
      (e.kind === 'status_changed' && (e.data.to === 'completed' || e.data.to === 'cancelled')) ||
      e.kind === 'cancelled'
    )
      at = Math.max(at ?? 0, e.at);
  return at ?? order.updatedAt;
}

export type Resolved =
  { ok: true; order: WorkOrder; events: OrderEvent[]; expiresAt: number } | { ok: false; why: 'unknown' | 'expired' };

/** The order a token opens, or why it opens none. The order is read through the link only, never from the request. */
export async function resolveToken(store: SyncStore, token: string, now: number): Promise<Resolved> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, why: 'unknown' };
  const link = await store.trackingLink(hashToken(token));
  if (!link) return { ok: false, why: 'unknown' };
  return resolveLink(store, link, now);
}

/** The order a stored link opens, or why it opens none (the order is gone, or the link has expired). */
export async function resolveLink(store: SyncStore, link: TrackingLink, now: number): Promise<Resolved> {
  const order = await store.order(link.orderId);
  if (!order) return { ok: false, why: 'unknown' };
  const events = await store.eventsFor(order.id);
  const ended = endedAt(order, events);
  const expiresAt = Math.min(link.issuedAt + LINK_MAX_AGE_MS, ended === null ? Infinity : ended + LINK_AFTER_DONE_MS);
  if (now >= expiresAt) return { ok: false, why: 'expired' };
  return { ok: true, order, events, expiresAt };
}

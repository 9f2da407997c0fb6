import type { Move, OrderView } from '../../services/index.js';

/** Where a booking is, as far as moves go. */
export interface Place {
  engineerId: string;
  start: number;
}

/**
 * Where arrow-key moves have sent bookings before the console's cache shows them there. A press that comes before
 * the previous move's change has arrived starts from where that move put the booking, not from where the cache still
 * has it, so every press moves it one step.
 */
export class KeyTargets {
  private readonly sent = new Map<string, { from: Place; to: Place }>();

  /** Records moves being made; `orders` is the cache (call `view` first, which drops what the cache has overtaken). */
  record(moves: readonly Move[], orders: ReadonlyMap<string, OrderView>): void {
    for (const m of moves) {
      const from = this.sent.get(m.orderId)?.from ?? orders.get(m.orderId)?.booking;
      if (!from || m.engineerId === null || m.start === null) continue;
      this.sent.set(m.orderId, {
        from: { engineerId: from.engineerId, start: from.start },
        to: { engineerId: m.engineerId, start: m.start },
      });
    }
  }

  /** Forgets moves that were not made (refused, or waiting on the dispatcher's answer). */
  forget(moves: readonly Move[]): void {
    for (const m of moves) this.sent.delete(m.orderId);
  }

  /**
   * The orders with each booking where the last key move sent it while the cache still has it where it was; once the
   * cache shows it anywhere else (there, or moved by someone else) the cache is believed again.
   */
  view(orders: ReadonlyMap<string, OrderView>, ids: readonly string[]): ReadonlyMap<string, OrderView> {
    const out = new Map<string, OrderView>();
    for (const id of ids) {
      const o = orders.get(id);
      if (!o) continue;
      const sent = this.sent.get(id);
      const b = o.booking;
      if (sent && b && b.engineerId === sent.from.engineerId && b.start === sent.from.start) {
        const end = sent.to.start + (b.end - b.start);
        out.set(id, { ...o, booking: { ...b, engineerId: sent.to.engineerId, start: sent.to.start, end } });
        continue;
      }
      if (sent) this.sent.delete(id);
      out.set(id, o);
    }
    return out;
  }
}

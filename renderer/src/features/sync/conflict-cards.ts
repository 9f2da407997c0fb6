import type { Conflict, ConflictOrderNow } from '../../../../shared/ipc/index.js';
import { actionWords } from '../../i18n/action-words.js';
import { formatTimeOn } from '../../i18n/format.js';
import { translate, type Locale } from '../../i18n/messages.js';
import { changeWhat } from './change-words.js';

/**
 * One card of the conflicts panel: the refused changes of one intent — those that act on the same orders (a booking
 * and the pin or move made on top of it offline are refused together) — oldest first, and where those orders stand now.
 */
export interface ConflictCard {
  key: string;
  conflicts: Conflict[];
  now: ConflictOrderNow[];
}

/** The conflicts as cards: the ones sharing an order go on one card, in the order of the first change of each. */
export function conflictCards(conflicts: readonly Conflict[]): ConflictCard[] {
  const sorted = [...conflicts].sort((a, b) => a.mutationId - b.mutationId);
  const cardOfOrder = new Map<string, ConflictCard>();
  const cards: ConflictCard[] = [];
  for (const c of sorted) {
    const met = [...new Set(c.orderIds.map((id) => cardOfOrder.get(id)).filter((x) => x !== undefined))];
    let card = met[0];
    if (!card) cards.push((card = { key: String(c.mutationId), conflicts: [], now: [] }));
    // A change that joins two cards' orders makes them one.
    for (const other of met.slice(1)) {
      card.conflicts.push(...other.conflicts);
      cards.splice(cards.indexOf(other), 1);
    }
    card.conflicts.push(c);
    card.conflicts.sort((a, b) => a.mutationId - b.mutationId);
    for (const id of card.conflicts.flatMap((x) => x.orderIds)) cardOfOrder.set(id, card);
  }
  for (const card of cards) {
    // Where each order stands, as the latest listing says.
    const now = new Map<string, ConflictOrderNow>();
    for (const c of card.conflicts) for (const n of c.now) now.set(n.orderId, n);
    card.now = [...now.values()];
  }
  return cards;
}

/**
 * The dispatcher's own refused change: a booking by what it asked for ("book WO-1 on Wang Fang at 14:00"), the
 * engineer by the name the console shows them by (`names`, told apart from a namesake).
 */
export function mineWords(
  c: Conflict,
  locale: Locale,
  timeZone: string,
  today: number,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  // One booking asked for (an assignment, a move): said as what it asked; anything else by the action's name.
  const [only, ...more] = c.bookings;
  const what =
    only && more.length === 0
      ? translate(locale, 'conflicts.youBook', {
          order: c.now.find((n) => n.orderId === only.orderId)?.code ?? c.label.values.order ?? only.orderId,
          engineer: names.get(only.engineerId) ?? only.engineerId,
          time: formatTimeOn(only.start, today, locale, timeZone),
        })
      : actionWords(c.label, locale, timeZone, names);
  return translate(locale, 'conflicts.you', { what });
}

/** Where an order stands now and whose change made it so ("Now: WO-1 booked on Li Na at 15:00 — Assigned by …"). */
export function nowWords(
  n: ConflictOrderNow,
  locale: Locale,
  timeZone: string,
  today: number,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const statusName = translate(locale, `status.${n.status}`);
  const status = locale === 'en' ? statusName.toLowerCase() : statusName;
  const order = n.code;
  const state = n.booking
    ? translate(locale, n.status === 'scheduled' ? 'conflicts.state.booked' : 'conflicts.state.bookedStatus', {
        order,
        status,
        engineer: names.get(n.booking.engineerId) ?? n.booking.engineer,
        time: formatTimeOn(n.booking.start, today, locale, timeZone),
      })
    : n.status === 'new'
      ? translate(locale, 'conflicts.state.queued', { order })
      : n.status === 'cancelled'
        ? translate(locale, 'conflicts.state.cancelled', { order })
        : translate(locale, 'conflicts.state.other', { order, status });
  const { change } = n;
  if (change.at === null || (!change.mine && !change.by)) return translate(locale, 'conflicts.nowPlain', { state });
  return translate(locale, change.mine ? 'conflicts.nowByYou' : 'conflicts.nowBy', {
    state,
    what: changeWhat(change, locale),
    by: change.by ?? '',
    time: formatTimeOn(change.at, today, locale, timeZone),
  });
}

// What the emergency reshuffle's question says of the bookings it would bump that were made against a rule on purpose.
import type { WorkOrder } from '../../../../shared/domain/index.js';
import type { ProposalMove } from '../../../../shared/dispatch/index.js';
import { translate, type Locale } from '../../i18n/messages.js';
import { listWords } from '../../i18n/punctuation.js';

/** The moves of a reshuffle that bump a booking marked overridden (the late order's own move aside). */
export function overriddenBumps(
  moves: readonly ProposalMove[],
  lateOrderId: string,
  orders: ReadonlyMap<string, Pick<WorkOrder, 'booking'>>,
): ProposalMove[] {
  return moves.filter((m) => m.orderId !== lateOrderId && orders.get(m.orderId)?.booking?.overridden === true);
}

/** The line that names them before the dispatcher accepts; null when the reshuffle bumps none. */
export function overriddenBumpsLine(bumps: readonly ProposalMove[], locale: Locale): string | null {
  if (bumps.length === 0) return null;
  const list = listWords(
    bumps.map((m) => `${m.priority} ${m.code}`),
    locale,
  );
  return translate(locale, bumps.length === 1 ? 'late.overriddenBumpedOne' : 'late.overriddenBumped', { list });
}

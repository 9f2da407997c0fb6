import { checkDay } from './check.js';
import type { Reason } from './reasons.js';
import type { RuleId } from './rules.js';
import type { DispatchState } from './state.js';

/** A booking that breaks a hard rule as it stands: which order, on whom, the rule and why, in words. */
export interface BookingViolation {
  orderId: string;
  engineerId: string;
  rule: RuleId;
  reason: string;
  /** The reason as data, for the console to word in its language. */
  say?: Reason[] | undefined;
}

/**
 * Every booking of the day that breaks a hard rule, judged by the engine's own check of a planned day (the rules the
 * engine plans by and a drop is judged by): one entry per order and rule, the first reason found.
 */
export function bookingViolations(state: DispatchState): BookingViolation[] {
  const out: BookingViolation[] = [];
  const seen = new Set<string>();
  for (const day of state.engineers) {
    if (day.stops.length === 0) continue;
    for (const p of checkDay(state, day)) {
      const key = `${p.orderId}|${p.rule}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const order = state.orders.get(p.orderId);
      const prefix = order ? `${state.words.order(order)}: ` : '';
      const reason = prefix && p.reason.startsWith(prefix) ? p.reason.slice(prefix.length) : p.reason;
      out.push({ orderId: p.orderId, engineerId: p.engineerId, rule: p.rule, reason, say: p.say });
    }
  }
  return out;
}

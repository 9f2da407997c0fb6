import type { Move, RuleOverride, RuleVerdict } from '../../services/index.js';

/** A booking the engine refuses, as the dialog lists it: what goes where, and the hard rules it breaks. */
export interface BrokenBooking {
  move: Move;
  /** "WO-000123 for Li Wei at 10:30", in the console's language. */
  title: string;
  rules: RuleVerdict[];
}

/** Moves that break a hard rule, waiting for the dispatcher's word. */
export interface OverrideRequest {
  moves: Move[];
  label: string | undefined;
  broken: BrokenBooking[];
}

/** Whether the dispatcher may book these anyway: every rule but the customer's exclusion of an engineer. */
export function mayOverride(request: OverrideRequest): boolean {
  return request.broken.every((b) => b.rules.every((r) => r.rule !== 'excluded'));
}

/** The moves to make once the dispatcher confirmed: each one that breaks a rule carries its override. */
export function withOverrides(request: OverrideRequest, reason: string): Move[] {
  const typed = reason.trim().slice(0, 500);
  return request.moves.map((m) => {
    const broken = request.broken.find((b) => b.move === m);
    if (!broken) return m;
    const override: RuleOverride = {
      broken: broken.rules.slice(0, 12).map((r) => ({
        rule: r.rule,
        reason: r.message.slice(0, 300),
        // The reason as data too, so the order's trail words it in the language of whoever reads it.
        ...(r.say && r.say.length > 0 ? { say: r.say.slice(0, 12) } : {}),
      })),
      ...(typed ? { reason: typed } : {}),
    };
    return { ...m, override };
  });
}

// Why no simple change lets anyone take an order nobody can take: what really stands in the way, and only the
// changes that were tried and applied (a part transfer is never mentioned for an order that needs no parts).
import type { WorkOrder } from '../domain/index.js';
import type { Candidate } from './candidates.js';
import { changeTargets, hasBumpable, LONGEST_EXTENSION_MIN } from './fit-changes.js';
import { engineerArgs, joinerOf, say, type SaidReason } from './reasons.js';
import type { RuleId, Verdict } from './rules.js';
import type { DispatchState } from './state.js';

/** Rules whose failure means the engineer's day has no room left, as opposed to not working or not able. */
const ROOM_RULES: ReadonlySet<RuleId> = new Set(['shift', 'overlap', 'breaks', 'maxJobs']);
/** Shift failures that mean the engineer does not work (any more) today rather than being full. */
const NOT_WORKING = new Set(['noShift', 'awayAllShift', 'shiftEnded']);
/** Failures inside the customer's appointment window: the day may have room, only not when it was promised. */
const IN_WINDOW = new Set(['noStretchInWindow', 'noGapInWindow', 'windowClosesFirst', 'windowUnreachable']);

const failures = (c: Candidate): Verdict[] => c.verdicts.filter((v) => v.hard && v.status === 'fail');

/** Whether only a day with no room left rules the engineer out (not a day off, nor only the appointment window). */
function isFull(c: Candidate): boolean {
  const failed = failures(c);
  return (
    failed.length > 0 &&
    failed.every(
      (v) => ROOM_RULES.has(v.rule) && !(v.say ?? []).some((r) => NOT_WORKING.has(r.id) || IN_WINDOW.has(r.id)),
    )
  );
}

/**
 * Why the smallest-change search found nothing for an order nobody can take, as reasons read one after the other
 * ("; " between them): the skill nobody has at the level needed, or the only engineer able being full or ruled out,
 * then each change that was tried and why it did not help.
 */
export function whyNoChange(order: WorkOrder, state: DispatchState, candidates: readonly Candidate[]): SaidReason {
  const words = state.words;
  const needs = order.requiredSkills;
  const why: SaidReason[] = [];
  const able = candidates.filter((c) => !failures(c).some((v) => v.rule === 'skills'));
  if (able.length === 0 && needs.length > 0) {
    const missing = needs.filter((n) => !state.engineers.some((d) => (d.skills.get(n.skill) ?? 0) >= n.level));
    for (const n of missing) why.push(say(words, 'nobodyHasSkill', { skill: n.skill, level: n.level }));
    if (missing.length === 0) why.push(say(words, 'nobodyHasAllSkills'));
    return joined(why);
  }
  if (able.length === 0) return joined([say(words, 'noOneCan')]);
  const [only] = able;
  if (able.length === 1 && only) {
    const who = { id: only.engineerId, name: only.name };
    const [full, out] =
      needs.length === 0
        ? (['onlyEngineerFull', 'onlyEngineerOut'] as const)
        : needs.length === 1
          ? (['onlySkilledFull', 'onlySkilledOut'] as const)
          : (['onlyAllSkillsFull', 'onlyAllSkillsOut'] as const);
    why.push(
      isFull(only)
        ? say(words, full, engineerArgs(who))
        : say(words, out, {
            ...engineerArgs(who),
            why: failures(only).map((v) => ({ say: v.say ?? [], text: v.reason })),
          }),
    );
  } else
    why.push(
      able.every(isFull)
        ? say(words, 'allAbleFull', { able: able.length })
        : say(words, 'noneAbleFree', { able: able.length }),
    );
  const { partsDays, timeDays } = changeTargets(order, state, candidates);
  if (partsDays.length > 0) why.push(say(words, 'noSpareParts'));
  if (timeDays.length > 0) {
    why.push(say(words, 'noShiftStretch', { duration: LONGEST_EXTENSION_MIN }));
    why.push(say(words, timeDays.some((d) => hasBumpable(d, order)) ? 'bumpNoRoom' : 'nothingToBump'));
  }
  return joined(why);
}

/** Reasons read one after the other, as a `why` argument's are. */
function joined(reasons: readonly SaidReason[]): SaidReason {
  return { say: reasons.flatMap((r) => r.say), text: reasons.map((r) => r.text).join(joinerOf('why')) };
}

import type { WorkOrder } from '../domain/index.js';
import { engineerArgs, say, sayAll, type Reason, type SaidReason } from './reasons.js';
import type { DispatchState, EngineerDay } from './state.js';

/** The rules the engine plans by; every one but `preferred` is hard (never broken to save cost). */
export const RULES = {
  excluded: 'Customer has not excluded the engineer',
  skills: 'Skills and levels',
  parts: 'Parts on the van',
  shift: 'Shift',
  absence: 'Absences',
  maxJobs: 'Most jobs a day',
  pinned: 'Pinned bookings stay put',
  horizon: 'Frozen horizon',
  window: 'Appointment window',
  breaks: 'Breaks',
  overlap: 'No overlaps (travel included)',
  preferred: 'Preferred engineer',
} as const;
export type RuleId = keyof typeof RULES;

/** One rule's judgement of one engineer for one order, in words a dispatcher reads. */
export interface Verdict {
  rule: RuleId;
  /** False only for soft rules, which cost but never forbid. */
  hard: boolean;
  /** `skipped` when an earlier hard rule already ruled the engineer out and this one was not worth checking. */
  status: 'pass' | 'fail' | 'skipped';
  /** In English. */
  reason: string;
  /** The reason as data, for the console to word in its language (absent where the engine has only English). */
  say?: Reason[];
}

const verdict = (rule: RuleId, status: 'pass' | 'fail', reason: string | SaidReason): Verdict =>
  typeof reason === 'string'
    ? { rule, hard: rule !== 'preferred', status, reason }
    : { rule, hard: rule !== 'preferred', status, reason: reason.text, say: reason.say };
export const pass = (rule: RuleId, reason: string | SaidReason): Verdict => verdict(rule, 'pass', reason);
export const fail = (rule: RuleId, reason: string | SaidReason): Verdict => verdict(rule, 'fail', reason);
const skippedVerdicts = new Map<string, Verdict>();
/** A rule not checked because another already ruled the engineer out (shared, read-only: candidate lists hold many). */
export const skipped = (rule: RuleId, because: RuleId): Verdict => {
  const key = `${rule}|${because}`;
  let v = skippedVerdicts.get(key);
  if (!v) {
    v = Object.freeze({
      rule,
      hard: rule !== 'preferred',
      status: 'skipped',
      reason: `not checked: ${RULES[because].toLowerCase()} already rules this engineer out`,
      say: [{ id: 'notChecked' as const, args: { rule: because } }],
    });
    skippedVerdicts.set(key, v);
  }
  return v;
};

/** Records a verdict, replacing an earlier one for the same rule unless that one already failed. */
export function setVerdict(verdicts: Verdict[], v: Verdict): void {
  const i = verdicts.findIndex((x) => x.rule === v.rule);
  if (i < 0) verdicts.push(v);
  else if ((verdicts[i] as Verdict).status !== 'fail') verdicts[i] = v;
}

/** Whether any hard rule failed. */
export function feasible(verdicts: readonly Verdict[]): boolean {
  for (const v of verdicts) if (v.hard && v.status === 'fail') return false;
  return true;
}

/** The first hard failure, which is what a candidate list shows first. */
export function firstFailure(verdicts: readonly Verdict[]): Verdict | undefined {
  return verdicts.find((v) => v.hard && v.status === 'fail');
}

/** Why a day cannot take work: no shift, or away all of it (with the absence's own reason, as the data gives it). */
export function unavailable(state: DispatchState, day: EngineerDay): SaidReason {
  const away = day.unavailableBecause;
  return !day.shift || away === undefined
    ? say(state.words, 'noShift')
    : say(state.words, 'awayAllShift', { why: away });
}

const perDay = new WeakMap<EngineerDay, readonly [Verdict, Verdict]>();

/** The shift and absence verdicts of a day: the same for every order, so worked out once per day. */
function dayVerdicts(state: DispatchState, day: EngineerDay): readonly [Verdict, Verdict] {
  let known = perDay.get(day);
  if (known) return known;
  const words = state.words;
  const shift = day.shift;
  const shiftVerdict = !shift
    ? fail('shift', unavailable(state, day))
    : shift.end + state.policy.maxOvertimeMin <= state.notBefore
      ? fail('shift', say(words, 'shiftEnded', { time: words.clock(shift.end) }))
      : pass('shift', say(words, 'works', { from: words.clock(shift.start), to: words.clock(shift.end) }));
  const away = day.blocks.filter((b) => b.what !== 'break');
  const absenceVerdict =
    shift && day.unavailable
      ? fail('absence', unavailable(state, day))
      : away.length > 0
        ? pass(
            'absence',
            say(words, 'awayPlanned', {
              times: away.map((a) => `${words.clock(a.start)}–${words.clock(a.end)} (${a.what})`).join(', '),
            }),
          )
        : pass('absence', say(words, 'noAbsence'));
  known = [Object.freeze(shiftVerdict), Object.freeze(absenceVerdict)] as const;
  perDay.set(day, known);
  return known;
}

/**
 * The rules that do not depend on when the job happens: exclusion, skills and levels, parts left on the van, shift,
 * absences, the day's job limit, preference. `ownBooking` is true when the order is already in this engineer's day
 * (its parts and its place in the job count are then its own).
 */
export function staticVerdicts(
  state: DispatchState,
  day: EngineerDay,
  order: WorkOrder,
  ownBooking: boolean,
): Verdict[] {
  const words = state.words;
  const e = day.engineer;
  const out: Verdict[] = [];
  const known = (key: string, make: () => Verdict) => sharedVerdict(words, key, make);

  out.push(
    order.excludedEngineerIds.includes(e.id)
      ? fail('excluded', say(words, 'excluded', engineerArgs(e)))
      : known('excluded', () => pass('excluded', say(words, 'notExcluded'))),
  );

  let skillFailure: Verdict | null = null;
  for (const need of order.requiredSkills) {
    const has = day.skills.get(need.skill) ?? 0;
    if (has < need.level) {
      skillFailure = known(`skillMissing|${need.skill}|${need.level}|${has}`, () =>
        fail(
          'skills',
          has === 0
            ? say(words, 'skillNone', { skill: need.skill, level: need.level })
            : say(words, 'skillLow', { skill: need.skill, level: need.level, has }),
        ),
      );
      break;
    }
  }
  out.push(
    skillFailure ??
      (order.requiredSkills.length === 0
        ? known('skills', () => pass('skills', say(words, 'noSkills')))
        : known(
            `skillsHeld|${order.requiredSkills.map((s) => `${s.skill}|${s.level}|${day.skills.get(s.skill) ?? 0}`).join('|')}`,
            () =>
              pass(
                'skills',
                sayAll(
                  order.requiredSkills.map((s) =>
                    say(words, 'skillHeld', { skill: s.skill, has: day.skills.get(s.skill) ?? 0, level: s.level }),
                  ),
                ),
              ),
          )),
  );

  let partProblem: SaidReason | null = null;
  for (const need of order.requiredParts) {
    const left = (day.partsLeft.get(need.part) ?? 0) + (ownBooking ? need.qty : 0);
    if (left < need.qty) {
      const carried = e.vanStock[need.part] ?? 0;
      partProblem =
        carried < need.qty
          ? say(words, 'partsNotCarried', { qty: need.qty, part: need.part, carried })
          : say(words, 'partsUsedUp', { qty: need.qty, part: need.part, left: Math.max(0, left) });
      break;
    }
  }
  const partsKey = order.requiredParts.length === 0 ? 'noParts' : 'partsOnVan';
  out.push(
    partProblem ? fail('parts', partProblem) : known(`parts|${partsKey}`, () => pass('parts', say(words, partsKey))),
  );

  const [shiftVerdict, absenceVerdict] = dayVerdicts(state, day);
  out.push(shiftVerdict, absenceVerdict);

  const max = e.maxJobs;
  const jobs = day.stops.length - (ownBooking ? 1 : 0);
  out.push(
    known(`maxJobs|${jobs}|${max}`, () =>
      max !== null && jobs >= max
        ? fail('maxJobs', say(words, jobs === 1 ? 'jobLimitOne' : 'jobLimit', { jobs }))
        : pass('maxJobs', max === null ? say(words, 'noJobLimit', { jobs }) : say(words, 'jobsBooked', { jobs, max })),
    ),
  );

  if (order.preferredEngineerIds.length === 0)
    out.push(known('preferred', () => pass('preferred', say(words, 'noPreference'))));
  else if (order.preferredEngineerIds.includes(e.id))
    out.push(known('preferred|yes', () => pass('preferred', say(words, 'preferred'))));
  else {
    const names = order.preferredEngineerIds.map((id) =>
      say(words, 'namedEngineer', engineerArgs(state.engineerById.get(id)?.engineer ?? { id, name: id })),
    );
    out.push(fail('preferred', say(words, 'prefersOther', { names })));
  }
  return out;
}

/**
 * Verdicts that read the same for every engineer in the same case (no skills needed, 3 jobs booked of no limit, …),
 * made and worded once per wording and shared read-only, as skipped ones are: a candidate list of 1,000 engineers
 * made and worded about six of them per engineer, most alike, and that was a fifth of its time. Kept per wording
 * (one per console language and time zone), and started afresh past a few thousand cases.
 */
const verdictsByWords = new WeakMap<object, Map<string, Verdict>>();
function sharedVerdict(words: object, key: string, make: () => Verdict): Verdict {
  let known = verdictsByWords.get(words);
  if (!known || known.size > 4096) verdictsByWords.set(words, (known = new Map()));
  let v = known.get(key);
  if (!v) known.set(key, (v = Object.freeze(make())));
  return v;
}

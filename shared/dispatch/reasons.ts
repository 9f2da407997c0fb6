import { z } from 'zod';
import { RULES, type RuleId } from './rules.js';
import type { Wording } from './wording.js';

/**
 * The engine's reasons for its rule verdicts, in English, as message templates: the console shows them in its own
 * language from its catalogue (`reason.<id>` keys, the same arguments), the engine's own texts (logs, the CLI, the
 * audit trail) read the English. An argument named `skill`, `part` or `rule` carries the id, worded as the skill's,
 * part's or rule's name, and `duration` is minutes worded as a duration ("1 h 30 min"); `{min}` is a plain number of
 * minutes; clock times are "HH:MM" text.
 */
export const REASONS = {
  notChecked: 'not checked: {rule} already rules this engineer out',
  noShift: 'has no shift this day',
  awayAllShift: 'is away all shift ({why})',
  shiftEnded: 'shift ended at {time}',
  works: 'works {from}–{to}',
  awayPlanned: 'away {times}; planned around',
  noAbsence: 'no absence',
  excluded: 'the customer asked not to send {name}',
  notExcluded: 'not excluded by the customer',
  skillNone: 'needs {skill} level {level}, has none',
  skillLow: 'needs {skill} level {level}, has {has}',
  noSkills: 'no skills required',
  skillHeld: '{skill} {has} (needs {level})',
  partsNotCarried: 'needs {qty} × {part}, van carries {carried}',
  partsUsedUp: "needs {qty} × {part}, van has {left} left after the day's other jobs",
  noParts: 'no parts needed',
  partsOnVan: 'all parts on the van',
  jobLimitOne: 'already has 1 job, their limit for a day',
  jobLimit: 'already has {jobs} jobs, their limit for a day',
  noJobLimit: '{jobs} booked, no limit',
  jobsBooked: '{jobs} of {max} jobs booked',
  noPreference: 'no preference',
  preferred: 'the customer asked for this engineer',
  prefersOther: 'the customer prefers {names}',
  pinnedTo: '{order} is pinned to {name} at {time}; unpin it to move it',
  inProgress: '{order} is in progress with {name}',
  inHorizon: '{order} starts {time}, inside the {min}-minute frozen horizon',
  notPinned: 'its booking is not pinned',
  notBooked: 'not booked yet',
  startsAfter: 'starts after {time}',
  insideWindow: 'starts {time}, inside {from}–{to}',
  noWindow: 'no appointment promised',
  noBreaks: 'no breaks',
  clearOfBreaks: 'clear of {times}',
  fitsAfter: 'fits {from}–{to} after {order} ({min} min drive)',
  fitsAfterBefore: 'fits {from}–{to} after {order}, before {next} at {time} ({min} min drive)',
  fitsFromBase: 'fits {from}–{to} from home base ({min} min drive)',
  fitsFromBaseBefore: 'fits {from}–{to} from home base, before {next} at {time} ({min} min drive)',
  fitsFromPosition: 'fits {from}–{to} from last reported position ({min} min drive)',
  fitsFromPositionBefore: 'fits {from}–{to} from last reported position, before {next} at {time} ({min} min drive)',
  newWorkFrom: 'new work starts from {time}',
  breaksKept: 'breaks are kept free',
  lookedInside: 'looked only inside {from}–{to}',
  noStretchInWindow: 'no {duration} stretch free within the appointment {from}–{to}',
  noStretchInShift: 'no {duration} stretch free before {time}',
  noGapInWindow: 'no {duration} gap (travel included) between bookings within the appointment {from}–{to}',
  noGapInShift: 'no {duration} gap (travel included) between bookings before {time}',
  windowClosesFirst: 'the appointment {from}–{to} closes before new work can start ({time})',
  windowUnreachable: 'cannot arrive by the end of the appointment {from}–{to} ({time} at the earliest)',
  shiftTooShort: 'not enough shift left for {duration} of work: would finish {finish}, shift ends {time}',
  shiftTooShortOvertime:
    'not enough shift left for {duration} of work: would finish {finish}, shift ends {time} ({latest} with overtime)',
  startsBeforeHorizon: 'starts {time}, before {from}',
  outsideWindow: 'starts {time}, outside {from}–{to}',
  wrongLength: 'booked for {min} min but takes {needs}',
  runsIntoBreak: 'runs into break {from}–{to}',
  runsIntoAbsence: 'runs into {why} {from}–{to}',
  beforeShiftBegins: 'starts {time}, before the shift begins',
  pastShiftEnd: 'ends {time}, past the shift end',
  unreachableFromBase: 'cannot get there from home base before {time}',
  unreachableFromPosition: 'cannot get there from last reported position before {time}',
  backAtBaseLate: 'back at base {time}, past the shift end',
  driveTooLong: 'starts {time} but {order} ends {end} and the drive takes {min} min',
} as const;

export type ReasonId = keyof typeof REASONS;
export const REASON_IDS = Object.keys(REASONS) as [ReasonId, ...ReasonId[]];

/** A reason as data: which one, and its arguments. */
export const ReasonSchema = z.object({
  id: z.enum(REASON_IDS),
  args: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type Reason = z.infer<typeof ReasonSchema>;

/** Reasons read one after the other ("HVAC 3 (needs 3), Electrical 2 (needs 1)"), with their English words. */
export interface SaidReason {
  say: Reason[];
  text: string;
}

/** Fills a reason's template; `skill` and `part` arguments are worded by name (`words`), others as they are. */
export function reasonText(reason: Reason, name: (arg: string, value: string | number) => string): string {
  return REASONS[reason.id].replace(/\{(\w+)\}/g, (_, arg: string) =>
    reason.args[arg] === undefined ? `{${arg}}` : name(arg, reason.args[arg] as string | number),
  );
}

/** A reason and its English words, naming skills and parts as the engine's wording does. */
export function say(words: Wording, id: ReasonId, args: Reason['args'] = {}): SaidReason {
  const reason = { id, args };
  return {
    say: [reason],
    text: reasonText(reason, (arg, value) =>
      arg === 'skill'
        ? words.skill(String(value))
        : arg === 'part'
          ? words.part(String(value))
          : arg === 'duration'
            ? words.duration(Number(value))
            : arg === 'rule' && String(value) in RULES
              ? RULES[value as RuleId].toLowerCase()
              : String(value),
    ),
  };
}

/** Several reasons in a row, joined as the engine writes lists. */
export function sayAll(reasons: readonly SaidReason[]): SaidReason {
  return { say: reasons.flatMap((r) => r.say), text: reasons.map((r) => r.text).join(', ') };
}

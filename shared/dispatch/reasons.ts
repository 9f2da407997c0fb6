import { z } from 'zod';
import { label, type OrderStatus } from '../domain/index.js';
import { RULES, type RuleId } from './rules.js';
import type { Wording } from './wording.js';

/**
 * The engine's reasons for its rule verdicts, in English, as message templates: the console shows them in its own
 * language from its catalogue (`reason.<id>` keys, the same arguments), the engine's own texts (logs, the CLI, the
 * audit trail) read the English. An argument named `skill`, `part` or `rule` carries the id, worded as the skill's,
 * part's or rule's name, and `duration` is minutes worded as a duration ("1 h 30 min"); `{min}` is a plain number of
 * minutes; clock times are "HH:MM" text, or "Tue HH:MM" on another day (the weekday as `WEEKDAYS` writes it). An
 * argument named `why` or `list` carries reasons of its own, read one after the other ("; " between `why`'s, ", "
 * between `list`'s). An engineer is named by `name` with their id beside it in `engineer` (engineerArgs), and several
 * by `names`: `namedEngineer` reasons read with " / " between them; the console names them by the id as it does
 * everywhere (a namesake apart).
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
  namedEngineer: '{name}',
  pinnedTo: '{order} is pinned to {name} at {time}; unpin it to move it',
  inProgress: '{order} is in progress with {name}',
  inHorizon: '{order} starts {time}, inside the {min}-minute frozen horizon',
  startPassed: '{order} was to start {time}, already past; it has not started',
  beforeDay: '{order} starts {time}, before the day being planned',
  notPinned: 'its booking is not pinned',
  notBooked: 'not booked yet',
  startsAfter: 'starts after {time}',
  atHorizonEdge: 'starts {time}, within {grace} min of the frozen horizon ({from}): offered at its edge a moment ago',
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
  driveTooLongBreak:
    'starts {time} but {order} ends {end}; with the break {from}–{to} in between, the {min} min drive gets there at {arrive}',
  driveTooLongAbsence:
    'starts {time} but {order} ends {end}; with {why} {from}–{to} in between, the {min} min drive gets there at {arrive}',
  // A drop on the board (verdict.ts).
  notOnBoard: 'engineer {id} is not on this board',
  staysPinned: 'stays where it is pinned',
  alreadyPast: '{time} is already past',
  insideHorizon: '{time} is inside the {min}-minute frozen horizon; new work starts from {from}',
  promisedArrival: 'starts {time}; the customer was promised arrival {from}–{to}',
  clearOfAllBreaks: 'clear of breaks',
  beforeShiftStart: 'starts before the shift begins at {time}',
  endsPastShift: 'ends {time}, past the shift end {end}',
  endsPastShiftOvertime: 'ends {time}, past the shift end {end} plus {min} min overtime allowed',
  overlapsOrder: 'overlaps {order} {from}–{to}',
  driveFromOrderLate: 'needs {min} min to drive from {order} (done {done}): arrives {time}',
  driveFromBaseLate: 'needs {min} min to drive from home base (from {from}): arrives {time}',
  driveFromPositionLate: 'needs {min} min to drive from last reported position (from {from}): arrives {time}',
  reachNextLate: 'needs {min} min to reach {order} at {at}: arrives {time}',
  backAtBasePast: 'back at base {time}, past the shift end {end}',
  backAtBasePastOvertime: 'back at base {time}, past the shift end {end} plus {min} min overtime allowed',
  driveIn: '{min} min drive in',
  driveInOnTo: '{min} min drive in, {out} min on to {order}',
  // Why a proposal moves an order (explain.ts).
  moveTo: '{name} {time}: {why}',
  nameUnavailable: '{name} {why}',
  queueUnavailable: 'back to the queue: {name} {why}',
  queueToFree: 'back to the queue to free {time} on {name} for {order}',
  queueNoRoom: "back to the queue: no longer fits {name}'s day and no one else has room",
  driveFromOrder: '{min} min drive from {order}',
  driveFromBase: '{min} min drive from home base',
  driveFromPosition: '{min} min drive from last reported position',
  bookedFails: 'its booked {time} does not work ({why})',
  bookedFailsFor: 'its booked {time} does not work for {order} ({why})',
  movedToFit: 'moved from {time} to fit {order}',
  resequenced: 're-sequenced from {time}',
  freesFor: 'frees {time} on {name} for {order}',
  shorterDrive: '{min} min drive instead of {was}',
  nowKeepsSla: 'now keeps its SLA',
  lessLate: '{min} min less late',
  evensOut: "from {name}, evening out the day's work",
  slaMissedAt: 'its SLA was already missed at {time}',
  afterSlaDeadline: 'starts {duration} after its SLA deadline',
  // Why a booking past its SLA deadline starts no sooner (explain.ts).
  lateSooner: '{name} could start it sooner, at {time}, without moving other work',
  lateBusy: 'no one able in scope is free sooner: {name} is busy with {order} until {end}',
  lateBusyDrive: 'no one able in scope is free sooner: {name} is busy with {order} until {end}, then {min} min drive',
  lateReach: 'the earliest anyone able in scope can be there is {time} ({why})',
  lateBreak: "no one able in scope is free sooner: the work would run into {name}'s break {from}–{to}",
  lateAbsence: "no one able in scope is free sooner: the work would run into {name}'s {why} {from}–{to}",
  lateWindow: 'it cannot start before its appointment {from}–{to}',
  lateShiftStarts: "no one able in scope works sooner: {name}'s shift starts {time}",
  lateNotBefore: 'no new work can start before {time}',
  preferredEngineer: "the customer's preferred engineer",
  // Why a proposal leaves an order in the queue (explain.ts).
  noEngineerFree: 'no engineer in scope is free to plan this day',
  noOneCan: 'no engineer in scope working this day can do it',
  noOneCanBecause: 'no engineer in scope working this day can do it ({why})',
  costsMore: '{name} could take it at {time}, but that costs more than leaving it for later',
  allFullOne: 'all 1 engineer who could do it is full: {list}',
  allFull: 'all {able} engineers who could do it are full: {list}',
  noGapOne: '1 has no {duration} gap',
  noGap: '{n} have no {duration} gap',
  noGapWithinOne: '1 has no {duration} gap within {from}–{to}',
  noGapWithin: '{n} have no {duration} gap within {from}–{to}',
  reachedJobLimit: '{n} reached their job limit',
  partsPromisedOne: '1 has the parts promised to other jobs',
  partsPromised: '{n} have the parts promised to other jobs',
  // Why no simple change lets anyone take an order nobody can take (no-change.ts).
  nobodyHasSkill: 'nobody has {skill} at level {level} or above',
  nobodyHasAllSkills: 'nobody has all the skills it needs at the levels it needs',
  onlySkilledFull: 'the only engineer with the skill, {name}, is full today',
  onlySkilledOut: 'the only engineer with the skill, {name}, cannot take it: {why}',
  onlyAllSkillsFull: 'the only engineer with all the skills, {name}, is full today',
  onlyAllSkillsOut: 'the only engineer with all the skills, {name}, cannot take it: {why}',
  onlyEngineerFull: 'the only engineer, {name}, is full today',
  onlyEngineerOut: 'the only engineer, {name}, cannot take it: {why}',
  allAbleFull: 'all {able} engineers who could do it are full today',
  noneAbleFree: 'none of the {able} engineers who could do it can take it today',
  noSpareParts: 'no other van has the parts to spare',
  noShiftStretch: 'no shift can stretch far enough, even {duration} longer',
  bumpNoRoom: 'taking one lower-priority job off a day does not make room',
  nothingToBump: 'no lower-priority job that could be moved is booked in the way',
  // An emergency inserted (emergency.ts).
  emergencyEarliest: '{name} {time}: {min} min drive, the earliest anyone can be there',
  emergencyEarliestBumps: '{name} {time}: {min} min drive, the earliest anyone can be there; bumps {bumped}',
  emergencyBest: '{name} {time}: {min} min drive, the best of {n} options',
  emergencyBestBumps: '{name} {time}: {min} min drive, the best of {n} options; bumps {bumped}',
  bumpToQueue: '{order} back to the queue to free {time} for {emergency}: no one else has room for it today',
  bumpMoved: '{order} moved to {name} {at} to free {time} for {emergency}',
  emergencyNoOne: 'no engineer can take {order} today, even by bumping lower-priority work',
  // What the dispatcher should know about a proposal (its notes: model.ts, outcome.ts, travel.ts).
  travelTimes: 'travel times: {why}',
  straightLine: 'straight line × {factor} at {kmh} km/h',
  roadNetwork: 'road network (OSRM at {url})',
  routingFailed: '{detail}; travel times are straight-line estimates',
  legsEstimatedOne: '1 drive had no road figure and was estimated: {why}',
  legsEstimated: '{n} drives had no road figure and were estimated: {why}',
  fixedChainTight: "{name}'s fixed bookings leave no time to drive between them; their day is left as it is",
  staysWithUnavailable: '{order} stays with {name}, who {why}',
  overrideKept: '{order} stays with {name} at {time}: it was booked there against a rule on purpose',
  overrideBumped:
    '{order} was booked with {name} at {time} against a rule on purpose: bumping it takes its override mark off',
  vanTooSmall: "{name}'s fixed bookings need more parts than the van holds",
  withdrawnByCheck: 'withdrawn by the final check: {why}',
  // A change the rules refuse (shared/sync/mutations): `status` and `toStatus` carry an order status's id.
  orderMissing: 'order {id} does not exist',
  engineerMissing: 'engineer {id} does not exist',
  staleOrder: '{order} was changed by someone else after you saw it (it is now {status}); reload it and try again',
  alreadyWorking: '{order} is already {status} with its engineer; it can no longer be re-planned',
  completedInField: '{order} was completed in the field; it can no longer be changed',
  orderCancelled: '{order} is cancelled',
  orderNotBooked: '{order} is not booked',
  assignFirst: '{order} is not booked; assign it first',
  needsStart: '{order}: a booking needs a start time',
  customerExcluded: 'the customer asked not to send {name} to {order}',
  planNotApplied: '{why} — no move of the plan was applied',
  orderRefused: '{order}: {why}',
  alreadyStatus: 'the order is already {status}',
  finalStatus: 'the order is {status} and can no longer change',
  neverStatus: 'an order cannot go from {status} to {toStatus}',
  deviceOnlyStatus: "only the engineer's device can move an order from {status} to {toStatus}",
  dispatcherOnlyStatus: 'only a dispatcher can move an order from {status} to {toStatus}',
  notThisDevice: "{order} is not booked to this device's engineer",
  deviceReports: "only the engineer's device can report an order {status}",
  noBookingToResume: '{order} has no booking to resume; assign it instead',
  orderClosed: '{order} is {status} and can no longer be changed',
  orderIdTaken: 'an order with id {id} already exists',
  orderCodeTaken: 'order code {code} is already in use',
  reportTooEarly: '{order} is {status}; a report is submitted on site or at completion',
  reportExists: '{order} already has a service report',
  reportDeviceOnly: "only an engineer's device submits a service report",
  ownStateOnly: "a device can only report its own engineer's state",
  movesNeedOthers: 'the chosen moves need {orders} too ({why}); choose those as well, or leave this out',
  planNoLongerFits: 'the plan no longer fits: {why}',
  staleEngineer: '{name} was changed by someone else after you saw it; reload and try again',
  skillListedTwice: 'each skill may be listed once',
  engineerIdTaken: 'an engineer with id {id} already exists',
  stalePolicy: 'the SLA policy was changed by someone else after you opened it; reload and try again',
  surveyCustomerOnly: 'only the customer answers the survey, on their tracking page',
  surveyNotYet: '{order} is not completed: the survey opens after the visit',
  roleMayNot: '{role} may not {mutation}',
  unknownMutation: 'there is no mutation called "{name}"',
  internalError: 'could not {mutation}: an internal error occurred',
  baseMissing: 'args.base: a dispatcher must say which version of the order they changed',
  slaAlertNotBelievable: 'an SLA alert detected at {at} is not believable now',
  slaDueBeforeLogged: 'an SLA deadline of {at} is before the order was logged',
  respondNotDue: 'the respond deadline of {order} is not due yet',
  resolveNotDue: 'the resolve deadline of {order} is not due yet',
  vanHoldsFewer: 'the van holds {have} of part {part}, fewer than the {qty} the report says were used',
  orderWouldBeInvalid: 'order {name} would be invalid: {why}',
  engineerWouldBeInvalid: 'engineer {name} would be invalid: {why}',
  policyWouldBeInvalid: 'the SLA policy would be invalid: {why}',
  eventWouldBeInvalid: 'event {name} would be invalid: {why}',
  // A value a check refuses (shared/validation/issues.ts): `field` is where, `why` what is wrong with it.
  fieldIssue: '{field}: {why}',
  expectedType: 'expected {type}',
  atLeast: 'must be at least {min}',
  moreThan: 'must be more than {min}',
  atMost: 'must be at most {max}',
  lessThan: 'must be less than {max}',
  textRequired: 'must not be empty',
  textAtLeast: 'must have at least {min} characters',
  textAtMost: 'must have at most {max} characters',
  itemsRequired: 'must have at least one item',
  itemsAtLeast: 'must have at least {min} items',
  itemsAtMost: 'must have at most {max} items',
  itemsExactly: 'must have exactly {n} items',
  badFormat: 'is not written in the expected form',
  multipleOf: 'must be a multiple of {n}',
  unknownFields: 'has fields that are not known: {keys}',
  noFormFits: 'fits none of the accepted forms',
  badKey: 'has a key that is not accepted',
  badEntry: 'has an entry that is not accepted',
  oneOf: 'must be one of {options}',
  // The rules of the domain's schemas (a custom issue's `params.say`, shared/domain and the mutations' args).
  shiftEndsFirst: 'a shift must end after it starts',
  breaksOutsideShift: 'breaks must lie inside their shift',
  absenceEndsFirst: 'an absence must end after it starts',
  windowEndsFirst: 'a window must end after it starts',
  bookingEndsFirst: 'a booking must end after it starts',
  statusNeedsBooking: 'a {status} order needs a booking',
  statusHasNoBooking: 'a {status} order has no booking',
  bookingLength: 'a booking lasts exactly the estimated duration',
  signatureFormat: 'a signature is SVG path data: M, L, H, V, C, S, Q, T and Z commands with numbers, starting with M',
  resolveBeforeRespond: 'resolve target must not be shorter than respond target',
  closesBeforeOpens: 'closing time must be after opening time',
  unknownTimeZone: 'not a known IANA time zone',
  noOpenDay: 'at least one day must be open',
  resolveByFirst: 'resolve-by must not be before respond-by',
  wholeMinute: 'a start time is a whole minute',
  hardRuleOnly: 'only a hard rule is overridden',
  revisitOnCompletion: 'only a completion can ask for a revisit',
  restoreBooking: 'a booked status needs its booking, and a new order has none',
  nothingToChange: 'nothing to change',
  planMovesOnce: 'a plan moves each order at most once',
  phoneFormat: 'a phone number uses digits, spaces, + ( ) - only',
  // A change the console withdrew because the server will never take it (shared/sync/mutations/withdraw.ts).
  changeTooLarge: 'this change is too large to send: {size}, and the server takes at most {max}',
  serverRefusedLarge: 'the server refused this change as too large',
  serverCannotRead: 'the server cannot read this change',
} as const;

export type ReasonId = keyof typeof REASONS;
export const REASON_IDS = Object.keys(REASONS) as [ReasonId, ...ReasonId[]];

/** A reason as data: which one, and its arguments (a `why` or `list` argument: reasons of its own). */
export const ReasonSchema = z.object({
  id: z.enum(REASON_IDS),
  get args() {
    return z.record(z.string(), z.union([z.string(), z.number(), z.array(ReasonSchema)]));
  },
});
export type Reason = z.infer<typeof ReasonSchema>;
/** A reason's argument: a value, or reasons of its own. */
export type ReasonArg = Reason['args'][string];

/**
 * How reasons given as an argument are joined, in English: `list`'s with commas, `names`' (engineers) with slashes, any
 * other's with semicolons.
 */
export const joinerOf = (arg: string): string => (arg === 'list' ? ', ' : arg === 'names' ? ' / ' : '; ');

/**
 * An engineer as a reason names them: their name (`name`, the engine's English reads it) and their id beside it
 * (`engineer`), by which the console names them as it does everywhere else, a namesake by team and short id.
 */
export function engineerArgs(engineer: { readonly id: string; readonly name: string }): {
  name: string;
  engineer: string;
} {
  return { name: engineer.name, engineer: engineer.id };
}

/** Reasons read one after the other ("HVAC 3 (needs 3), Electrical 2 (needs 1)"), with their English words. */
export const SaidReasonSchema = z.object({ say: z.array(ReasonSchema), text: z.string() });
export type SaidReason = z.infer<typeof SaidReasonSchema>;

/** Fills a reason's template; `skill` and `part` arguments are worded by name (`words`), others as they are. */
export function reasonText(reason: Reason, name: (arg: string, value: string | number) => string): string {
  return REASONS[reason.id].replace(/\{(\w+)\}/g, (_, arg: string) => {
    const value = reason.args[arg];
    if (value === undefined) return `{${arg}}`;
    if (Array.isArray(value)) return value.map((r) => reasonText(r, name)).join(joinerOf(arg));
    return name(arg, value);
  });
}

/** Whether a reason's argument carries an order status's id (worded as the status's name). */
export const isStatusArg = (arg: string): boolean => arg === 'status' || arg === 'toStatus';

/** The English words of reasons as data, naming skills, parts, durations and rules as the engine's wording does. */
export function englishOf(words: Wording, reasons: readonly Reason[]): string {
  return reasons
    .map((reason) =>
      reasonText(reason, (arg, value) =>
        arg === 'skill'
          ? words.skill(String(value))
          : arg === 'part'
            ? words.part(String(value))
            : arg === 'duration'
              ? words.duration(Number(value))
              : arg === 'rule' && String(value) in RULES
                ? RULES[value as RuleId].toLowerCase()
                : isStatusArg(arg)
                  ? label(String(value) as OrderStatus)
                  : String(value),
      ),
    )
    .join(', ');
}

/**
 * A reason and its English words, naming skills and parts as the engine's wording does. An argument may be reasons
 * said already (`why`, `list`): their data goes in, and a reason known only in words goes in as its words.
 */
export function say(
  words: Wording,
  id: ReasonId,
  args: Record<
    string,
    ReasonArg | SaidReason | readonly SaidReason[] | { reason: string; say?: Reason[] | undefined }
  > = {},
): SaidReason {
  const data: Reason['args'] = {};
  for (const [name, value] of Object.entries(args)) {
    if (typeof value === 'string' || typeof value === 'number') data[name] = value;
    else if (Array.isArray(value))
      data[name] = (value as readonly (Reason | SaidReason)[]).flatMap((v) => ('id' in v ? [v] : v.say));
    else data[name] = asReasons(value as SaidReason | { reason: string; say?: Reason[] | undefined });
  }
  const reason: Reason = { id, args: data };
  return { say: [reason], text: englishOf(words, [reason]) };
}

/**
 * A reason whose arguments are plain values (written as they are) or reasons said already, and its English words:
 * for the engine's parts that have no wording of skills, parts and durations (the travel figures).
 */
export function sayPlain(id: ReasonId, args: Record<string, string | number | SaidReason> = {}): SaidReason {
  const data: Reason['args'] = {};
  for (const [name, value] of Object.entries(args)) data[name] = typeof value === 'object' ? value.say : value;
  const reason: Reason = { id, args: data };
  return { say: [reason], text: reasonText(reason, (_, value) => String(value)) };
}

/** Reasons said as data, or the words of a reason known only in words. */
function asReasons(r: SaidReason | { reason: string; say?: Reason[] | undefined }): Reason[] | string {
  if ('text' in r) return r.say;
  return r.say && r.say.length > 0 ? r.say : r.reason;
}

/** Several reasons in a row, joined as the engine writes lists. */
export function sayAll(reasons: readonly SaidReason[]): SaidReason {
  return { say: reasons.flatMap((r) => r.say), text: reasons.map((r) => r.text).join(', ') };
}

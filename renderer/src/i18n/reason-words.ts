import type { Reason } from '../../../shared/dispatch/index.js';
import { joinerOf, RULES, WEEKDAYS } from '../../../shared/dispatch/index.js';
import { isStatusArg } from '../../../shared/dispatch/reasons.js';
import { API_ERROR_CODES, type ApiErrorCode } from '../../../shared/ipc/errors.js';
import { ORDER_STATUSES, type OrderStatus } from '../../../shared/domain/index.js';
import { partLabel, skillLabel } from './domain-labels.js';
import { formatDuration } from './format.js';
import { en, translate, type Locale, type MessageKey } from './messages.js';

/**
 * Arguments whose value is an id the catalogue names: a refusal's role and mutation (the role that may not, and what
 * it may not do), the kind of value a check expected.
 */
const CATALOGUED_ARGS: Readonly<Record<string, string>> = {
  role: 'refusal.role.',
  mutation: 'refusal.mutation.',
  type: 'valueType.',
};

const weekdayNames = new Map<Locale, string[]>();

/** The weekdays' short names in a language, Sunday first (1 January 2023 was a Sunday). */
function weekdays(locale: Locale): string[] {
  let names = weekdayNames.get(locale);
  if (!names) {
    const f = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    names = WEEKDAYS.map((_, i) => f.format(Date.UTC(2023, 0, 1 + i)));
    weekdayNames.set(locale, names);
  }
  return names;
}

/** An order status named inside a sentence: the catalogue's name, lower case in English ("on site"). */
function statusWords(status: OrderStatus, locale: Locale): string {
  const name = translate(locale, `status.${status}`);
  return locale === 'en' ? name.toLowerCase() : name;
}

const ON_ANOTHER_DAY = new RegExp(`^(${WEEKDAYS.join('|')}) (\\d\\d:\\d\\d)$`);

/** A clock time the engine wrote for another day ("Tue 08:00") with the weekday in the console's language. */
function clockWords(value: string, locale: Locale): string {
  const m = ON_ANOTHER_DAY.exec(value);
  if (!m) return value;
  return `${weekdays(locale)[WEEKDAYS.indexOf(m[1] as (typeof WEEKDAYS)[number])] ?? m[1]} ${m[2]}`;
}

/**
 * Reasons as data in the console's language, one after the other: `arg` names the argument they were given as (a
 * `list`'s are read with commas, a `why`'s with semicolons, engineers' `names` with slashes), none for the reasons of a
 * verdict. With `names` (the console's engineer names by id, see engineerNames), a reason that gives its engineer's id
 * beside the name (`engineer`, see engineerArgs) names them as the console does: a namesake by their team (and short
 * id).
 */
export function reasonsWords(
  reasons: readonly Reason[],
  locale: Locale,
  arg?: string,
  names?: ReadonlyMap<string, string>,
): string {
  // Engineers' names read with slashes in either language.
  const joiner =
    arg === 'names'
      ? joinerOf(arg)
      : locale === 'zh-CN'
        ? arg === 'list'
          ? '，'
          : '；'
        : arg === undefined
          ? ', '
          : joinerOf(arg);
  return reasons
    .map((r) => {
      const args: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(r.args)) {
        if (Array.isArray(value)) {
          args[name] = reasonsWords(value, locale, name, names);
          continue;
        }
        const v = String(value);
        args[name] =
          name === 'skill'
            ? skillLabel(v, locale)
            : name === 'part'
              ? partLabel(v, locale)
              : name === 'duration'
                ? formatDuration(Number(value) * 60_000, locale)
                : name === 'rule' && v in RULES
                  ? translate(locale, `rule.${v as keyof typeof RULES}`)
                  : CATALOGUED_ARGS[name] && `${CATALOGUED_ARGS[name]}${v}` in en
                    ? translate(locale, `${CATALOGUED_ARGS[name]}${v}` as MessageKey)
                    : isStatusArg(name) && (ORDER_STATUSES as readonly string[]).includes(v)
                      ? statusWords(v as OrderStatus, locale)
                      : typeof value === 'string'
                        ? clockWords(value, locale)
                        : value;
      }
      const named = typeof r.args.engineer === 'string' ? names?.get(r.args.engineer) : undefined;
      if (named !== undefined && 'name' in args) args.name = named;
      return translate(locale, `reason.${r.id}` as MessageKey, args);
    })
    .join(joiner);
}

/**
 * An engine verdict's reason in the console's language: its reasons as data (`say`) worded from the catalogue, with
 * skill, part and rule ids named, durations written out, other days' weekdays named and engineers named as the console
 * names them (`names`, see reasonsWords); the engine's English when it gave no data.
 */
export function reasonWords(
  verdict: { reason: string; say?: readonly Reason[] | undefined },
  locale: Locale,
  names?: ReadonlyMap<string, string>,
): string {
  if (!verdict.say || verdict.say.length === 0) return verdict.reason;
  return reasonsWords(verdict.say, locale, undefined, names);
}

/**
 * A note the engine adds to a proposal (where its travel times come from, a day it leaves as it is, a move the final
 * check withdrew) in the console's language: its data worded from the catalogue, engineers named as the console names
 * them (`names`); the engine's English when it gave no data.
 */
export function noteWords(
  note: { text: string; say: readonly Reason[] },
  locale: Locale,
  names?: ReadonlyMap<string, string>,
): string {
  return note.say.length > 0 ? reasonsWords(note.say, locale, undefined, names) : note.text;
}

/**
 * A refused or failed action's reason in the console's language: the refusal as data when the rules gave it (an
 * ApiError's `say`), worded from the catalogue, engineers named as the console names them (`names`); otherwise, outside
 * English, the kind of failure (an ApiError's code); otherwise the error's message as it came.
 */
export function refusalWords(err: unknown, locale: Locale, names?: ReadonlyMap<string, string>): string {
  const message = err instanceof Error ? err.message : String(err);
  const say = err instanceof Error && 'say' in err ? (err as { say?: readonly Reason[] }).say : undefined;
  if (say && say.length > 0) return reasonsWords(say, locale, undefined, names);
  // A failed call without a refusal as data (the server unreachable, a timeout, a bug): what kind of failure it is,
  // in the console's language; its English details stay in English, where they are the words the console has.
  const code = err instanceof Error && 'code' in err ? (err as { code?: unknown }).code : undefined;
  if (locale !== 'en' && typeof code === 'string' && (API_ERROR_CODES as readonly string[]).includes(code))
    return translate(locale, `apiError.${code as ApiErrorCode}`);
  return message;
}

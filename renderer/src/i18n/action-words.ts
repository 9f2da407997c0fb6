import type { ActionLabel, StepDone } from '../../../shared/ipc/index.js';
import { ENGINEER_STATES, ORDER_STATUSES } from '../../../shared/domain/index.js';
import { reasonsWords } from './reason-words.js';
import { formatDateTime, formatDay, formatTime } from './format.js';
import { translate, type Locale, type MessageKey } from './messages.js';

/**
 * A dispatcher action as undo menus, the conflicts panel and the status bar name it, in the console's language: the
 * label core gave as data (key and values), with statuses, engineer states and alert kinds named from the catalogue.
 * An engineer is named as the console names them (`names`, engineerNames: a namesake with their team and short id),
 * else by the name the label was made with. A booking's new start reads as a time in the control centre's zone (with
 * its day when the move changes the day). A label of the caller's own words reads as given.
 */
export function actionWords(
  label: ActionLabel,
  locale: Locale,
  timeZone: string,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  if (label.key === 'text') return String(label.values.text ?? '');
  if (label.key === 'other') return String(label.values.name ?? '');
  const values: Record<string, string | number> = { ...label.values };
  const engineerId = label.values.engineerId;
  const shown = typeof engineerId === 'string' ? names.get(engineerId) : undefined;
  if (shown !== undefined) values.engineer = shown;
  const status = label.values.status;
  if (typeof status === 'string' && (ORDER_STATUSES as readonly string[]).includes(status)) {
    const name = translate(locale, `status.${status as (typeof ORDER_STATUSES)[number]}`);
    values.status = locale === 'en' ? name.toLowerCase() : name;
  }
  const state = label.values.state;
  if (typeof state === 'string' && (ENGINEER_STATES as readonly string[]).includes(state)) {
    const name = translate(locale, `state.${state as (typeof ENGINEER_STATES)[number]}`);
    values.state = locale === 'en' ? name.toLowerCase() : name;
  }
  const kind = label.values.kind;
  if (kind === 'jeopardy' || kind === 'escalated') values.kind = translate(locale, `event.${kind}`);
  const { start, from } = label.values;
  if (typeof start === 'number') {
    const sameDay =
      typeof from === 'number' && formatDay(from, locale, timeZone) === formatDay(start, locale, timeZone);
    values.time = sameDay ? formatTime(start, locale, timeZone) : formatDateTime(start, locale, timeZone);
  }
  if ('on' in label.values) values.on = label.values.on === 1 ? 'on' : 'off';
  return translate(locale, `action.${label.key}` as MessageKey, values);
}

/** An undo or redo taken, as the notice says it: the step's label, and what of a batch could not be taken. */
export function stepDoneWords(
  done: NonNullable<StepDone>,
  stack: 'undo' | 'redo',
  locale: Locale,
  timeZone: string,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const label = actionWords(done.label, locale, timeZone, names);
  if (!done.notTaken) return label;
  const { count, of, message, say } = done.notTaken;
  const why = say && say.length > 0 ? reasonsWords(say, locale, undefined, names) : message;
  return translate(locale, 'history.notTaken', { label, count, of, stack, why });
}

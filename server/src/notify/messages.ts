import {
  customerLanguageOf,
  type CustomerEvent,
  type CustomerLanguage,
  type TimeWindow,
  type WorkOrder,
} from '../../../shared/domain/index.js';
import { centreLanguage } from '../../../shared/scenario/areas.js';
import { customerEngineerName } from '../customer/engineer-name.js';

/**
 * What the customer is told of the visit's time: the promised window; a planned arrival (no window was promised); or,
 * for a booking that starts outside the promised window, the planned arrival with the window it misses.
 */
export type Promised =
  | { kind: 'window'; start: number; end: number }
  | { kind: 'planned'; at: number }
  | { kind: 'outside'; at: number; start: number; end: number };

/**
 * What the customer is told of the visit's time: the appointment window when one was made and the booking starts in
 * it (or nothing is booked yet); the planned arrival, the booking's start, with the window when the booking starts
 * before or after it (a dispatcher booked it anyway), since quoting the window would then be untrue; without a window
 * (an emergency booked straight onto an engineer's day) the planned arrival (the booking's end includes the work, so a
 * start–end span is no visit window to quote); nothing before a booking. What the messages quote and what a message's
 * once-only key names.
 */
export function promised(order: Pick<WorkOrder, 'window' | 'booking'>): Promised | null {
  const { window: w, booking } = order;
  if (w && booking && (booking.start < w.start || booking.start > w.end))
    return { kind: 'outside', at: booking.start, start: w.start, end: w.end };
  if (w) return { kind: 'window', start: w.start, end: w.end };
  return booking ? { kind: 'planned', at: booking.start } : null;
}

/**
 * How a message's key names what was promised: `start-end` for a window, the time alone for a planned arrival,
 * `start-end@time` for a planned arrival outside the window.
 */
export function promisedTag(p: Promised | null): string {
  if (!p) return 'none';
  if (p.kind === 'planned') return `${p.at}`;
  return p.kind === 'window' ? `${p.start}-${p.end}` : `${p.start}-${p.end}@${p.at}`;
}

/**
 * The once-only key of a message: the order, the event and what was promised when it was told; `repeat` (from 1) when
 * the customer is told the same again after being told something else in between (see Notifier). A message telling of
 * another engineer names them too (`engineerId`): `order:engineer_changed:engineer:window`.
 */
export function messageKey(
  orderId: string,
  event: CustomerEvent,
  p: Promised | null,
  repeat = 0,
  engineerId?: string,
): string {
  const key = `${orderId}:${event}:${engineerId === undefined ? '' : `${engineerId}:`}${promisedTag(p)}`;
  return repeat > 0 ? `${key}#${repeat}` : key;
}

/** The engineer an `engineer_changed` message's key names (see messageKey); null for a key of another event. */
export function engineerOfKey(orderId: string, key: string): string | null {
  const k = unrepeatedKey(key);
  const prefix = `${orderId}:engineer_changed:`;
  if (!k.startsWith(prefix)) return null;
  const end = k.lastIndexOf(':');
  return end > prefix.length ? k.slice(prefix.length, end) : null;
}

/** A message's key without its repeat count: the same for each time the same was told. */
export function unrepeatedKey(key: string): string {
  return key.replace(/#\d+$/, '');
}

/** What a message's key says the customer was promised when it was told (its `promisedTag`). */
export function tagOfKey(key: string): string {
  const k = unrepeatedKey(key);
  return k.slice(k.lastIndexOf(':') + 1);
}

/** What a message's tag (see promisedTag) says the customer was told of the visit's time; null for `none`. */
export function promisedOfTag(tag: string): Promised | null {
  const outside = /^(\d+)-(\d+)@(\d+)$/.exec(tag);
  if (outside) return { kind: 'outside', start: Number(outside[1]), end: Number(outside[2]), at: Number(outside[3]) };
  const window = /^(\d+)-(\d+)$/.exec(tag);
  if (window) return { kind: 'window', start: Number(window[1]), end: Number(window[2]) };
  return /^\d+$/.test(tag) ? { kind: 'planned', at: Number(tag) } : null;
}

/**
 * How far, in minutes, a planned arrival may move from the one the customer was last told before they are told
 * again: a nudge on the board or the engine re-sequencing a day moves bookings by a few minutes, not worth a text each.
 */
export const RETELL_TOLERANCE_MIN = 30;

/**
 * Whether a customer who was last told `told` of the visit's time needs telling again, the order being booked as it is
 * now: when the promised window is another (or none); when the booking leaves the window they were told, however
 * little, or goes to its other side; or when the planned arrival is more than RETELL_TOLERANCE_MIN from the one they
 * were told, or on another day (in `timeZone`, the centre's). Moves inside the window they were told, and moves of a
 * planned arrival within the tolerance (back inside the window too), are not news. Measured from what they were told,
 * not from the booking before, so nudges that add up to more than the tolerance are.
 */
export function worthTelling(
  told: Promised | null,
  order: Pick<WorkOrder, 'window' | 'booking'>,
  timeZone: string,
): boolean {
  const now = promised(order);
  if (!told || !now || !order.booking) return promisedTag(told) !== promisedTag(now);
  const windowOf = (p: Promised) => (p.kind === 'planned' ? null : `${p.start}-${p.end}`);
  if (windowOf(told) !== windowOf(now)) return true;
  if (told.kind === 'window') return now.kind === 'outside';
  if (told.kind === 'outside' && now.kind === 'outside' && told.at < told.start !== now.at < now.start) return true;
  const at = order.booking.start;
  return Math.abs(at - told.at) > RETELL_TOLERANCE_MIN * 60_000 || dayOf(at, timeZone) !== dayOf(told.at, timeZone);
}

/**
 * The language the customer of an order is written to in: theirs on file, else the language of the control centre
 * whose time zone `timeZone` is (a London centre writes English, a Shanghai one Chinese; see customerLanguageOf).
 */
export function customerLanguage(order: Pick<WorkOrder, 'customer'>, timeZone: string): CustomerLanguage {
  return customerLanguageOf(order.customer, centreLanguage(timeZone));
}

function clock(at: number, lang: CustomerLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone,
    month: lang === 'zh' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

function hours(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );
}

function span(w: TimeWindow, lang: CustomerLanguage, timeZone: string): string {
  return `${clock(w.start, lang, timeZone)}–${hours(w.end, timeZone)}`;
}

function dayOf(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The window a planned arrival misses: its hours, with its day when that is not the arrival's. */
function missed(p: Extract<Promised, { kind: 'outside' }>, lang: CustomerLanguage, timeZone: string): string {
  return dayOf(p.start, timeZone) === dayOf(p.at, timeZone)
    ? `${hours(p.start, timeZone)}–${hours(p.end, timeZone)}`
    : span(p, lang, timeZone);
}

/**
 * What the customer reads, in their language: the order's code, the news, the window (or the planned arrival: without
 * a window, or with the window it misses when the booking starts outside it; see promised), the engineer (by the name
 * the tracking page shows, `engineer` being their full name; unnamed when unknown), and the link when there is one.
 * `sameTime`: another engineer at the time the customer was told, which the message then says stands rather than
 * quoting it again.
 */
export function messageBody(
  event: CustomerEvent,
  order: Pick<WorkOrder, 'code' | 'window' | 'booking'>,
  lang: CustomerLanguage,
  timeZone: string,
  link: string | undefined,
  engineer: string | null = null,
  sameTime = false,
): string {
  const p = sameTime ? null : promised(order);
  const name = engineer ? customerEngineerName(engineer, lang) : null;
  const code = order.code;
  const text = lang === 'zh' ? zhText(event, code, p, name, timeZone) : enText(event, code, p, name, timeZone);
  if (!link) return text;
  return lang === 'zh' ? `${text}查看进度：${link}` : `${text} Follow it: ${link}`;
}

function zhText(event: CustomerEvent, code: string, p: Promised | null, name: string | null, timeZone: string): string {
  const engineer = name ?? '工程师';
  const at = p && p.kind !== 'window' ? clock(p.at, 'zh', timeZone) : null;
  // A planned arrival outside the window says so: "（晚于约定的 09:00–12:00 时段）".
  const note =
    p?.kind === 'outside' ? `（${p.at < p.start ? '早' : '晚'}于约定的 ${missed(p, 'zh', timeZone)} 时段）` : '';
  const window = p?.kind === 'window' ? span(p, 'zh', timeZone) : '待定';
  // "上门时间 <window>" for a window; "预计 <time> 上门" for a planned arrival.
  const visit = at ? `预计 ${at} 上门${note}` : `上门时间 ${window}`;
  switch (event) {
    case 'booked':
      return `您的工单 ${code} 已预约，${visit}。`;
    case 'dispatched':
      return `您的工单 ${code} 已派给${engineer}，${visit}。`;
    case 'departed':
      return `${engineer}已出发前往您处（工单 ${code}）。`;
    case 'nearby':
      return `${engineer}约 15 分钟后到达（工单 ${code}）。`;
    case 'window_changed':
      return at ? `您的工单 ${code} 预计上门时间已改为 ${at}${note}。` : `您的工单 ${code} 上门时间已改为 ${window}。`;
    case 'engineer_changed':
      // "已改派给李师傅，上门时间不变" when the time the customer was told stands (no time given: see messageBody).
      return `您的工单 ${code} 已改派给${engineer}，${p ? visit : '上门时间不变'}。`;
    case 'unscheduled':
      return `您的工单 ${code} 暂不安排上门，我们会另行联系您约定新的时间。`;
    case 'cancelled':
      return `您的工单 ${code} 的上门已取消。`;
  }
}

function enText(event: CustomerEvent, code: string, p: Promised | null, name: string | null, timeZone: string): string {
  const engineer = name ?? 'the engineer';
  const Engineer = name ?? 'The engineer';
  const at = p && p.kind !== 'window' ? clock(p.at, 'en', timeZone) : null;
  // A planned arrival outside the window says so: " (later than your 09:00–12:00 window)".
  const note =
    p?.kind === 'outside'
      ? ` (${p.at < p.start ? 'earlier' : 'later'} than your ${missed(p, 'en', timeZone)} window)`
      : '';
  const window = p?.kind === 'window' ? span(p, 'en', timeZone) : 'to be confirmed';
  switch (event) {
    case 'booked':
      return at
        ? `Your order ${code} is booked, planned arrival ${at}${note}.`
        : `Your order ${code} is booked for ${window}.`;
    case 'dispatched':
      return at
        ? `Your order ${code} is with ${engineer}, planned arrival ${at}${note}.`
        : `Your order ${code} is with ${engineer}, visiting ${window}.`;
    case 'departed':
      return `${Engineer} is on the way to you (order ${code}).`;
    case 'nearby':
      return `${Engineer} will arrive in about 15 minutes (order ${code}).`;
    case 'window_changed':
      return at
        ? `The planned arrival for your order ${code} is now ${at}${note}.`
        : `The visit for your order ${code} is now ${window}.`;
    case 'engineer_changed':
      if (!p) return `Your order ${code} is now with ${engineer}; the time you were given stands.`;
      return at
        ? `Your order ${code} is now with ${engineer}, planned arrival ${at}${note}.`
        : `Your order ${code} is now with ${engineer}, visiting ${window}.`;
    case 'unscheduled':
      return `The visit for your order ${code} is no longer scheduled. We will contact you with a new time.`;
    case 'cancelled':
      return `The visit for your order ${code} is cancelled.`;
  }
}

import {
  customerLanguageOf,
  type CustomerEvent,
  type CustomerLanguage,
  type TimeWindow,
  type WorkOrder,
} from '../../../shared/domain/index.js';
import { centreLanguage } from '../../../shared/scenario/areas.js';
import { customerEngineerName } from '../customer/engineer-name.js';

/** What the customer was promised: a visit window, or a planned arrival. */
export type Promised = { kind: 'window'; start: number; end: number } | { kind: 'planned'; at: number };

/**
 * What the customer was promised: the appointment window when one was made; else, without one (an emergency booked
 * straight onto an engineer's day), the planned arrival, the booking's start (its end includes the work, so a start–end
 * span is no visit window to quote); nothing before a booking. What the messages quote and what a message's once-only
 * key names.
 */
export function promised(order: Pick<WorkOrder, 'window' | 'booking'>): Promised | null {
  if (order.window) return { kind: 'window', start: order.window.start, end: order.window.end };
  return order.booking ? { kind: 'planned', at: order.booking.start } : null;
}

/** How a message's key names what was promised: `start-end` for a window, the time alone for a planned arrival. */
export function promisedTag(p: Promised | null): string {
  if (!p) return 'none';
  return p.kind === 'window' ? `${p.start}-${p.end}` : `${p.at}`;
}

/** The once-only key of a message: the order, the event and what was promised when it was told. */
export function messageKey(orderId: string, event: CustomerEvent, p: Promised | null): string {
  return `${orderId}:${event}:${promisedTag(p)}`;
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

function span(w: TimeWindow, lang: CustomerLanguage, timeZone: string): string {
  const end = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${clock(w.start, lang, timeZone)}–${end.format(w.end)}`;
}

/**
 * What the customer reads, in their language: the order's code, the news, the window (or, without one, the planned
 * arrival), the engineer (by the name the tracking page shows, `engineer` being their full name; unnamed when
 * unknown), and the link when there is one.
 */
export function messageBody(
  event: CustomerEvent,
  order: Pick<WorkOrder, 'code' | 'window' | 'booking'>,
  lang: CustomerLanguage,
  timeZone: string,
  link: string | undefined,
  engineer: string | null = null,
): string {
  const p = promised(order);
  const name = engineer ? customerEngineerName(engineer, lang) : null;
  const code = order.code;
  const text = lang === 'zh' ? zhText(event, code, p, name, timeZone) : enText(event, code, p, name, timeZone);
  if (!link) return text;
  return lang === 'zh' ? `${text}查看进度：${link}` : `${text} Follow it: ${link}`;
}

function zhText(event: CustomerEvent, code: string, p: Promised | null, name: string | null, timeZone: string): string {
  const engineer = name ?? '工程师';
  // "上门时间 <window>" for a window; "预计 <time> 上门" for a planned arrival.
  const visit =
    p?.kind === 'planned'
      ? `预计 ${clock(p.at, 'zh', timeZone)} 上门`
      : `上门时间 ${p ? span(p, 'zh', timeZone) : '待定'}`;
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
      return p?.kind === 'planned'
        ? `您的工单 ${code} 预计上门时间已改为 ${clock(p.at, 'zh', timeZone)}。`
        : `您的工单 ${code} 上门时间已改为 ${p ? span(p, 'zh', timeZone) : '待定'}。`;
  }
}

function enText(event: CustomerEvent, code: string, p: Promised | null, name: string | null, timeZone: string): string {
  const engineer = name ?? 'the engineer';
  const Engineer = name ?? 'The engineer';
  const at = p?.kind === 'planned' ? clock(p.at, 'en', timeZone) : null;
  const window = p?.kind === 'window' ? span(p, 'en', timeZone) : 'to be confirmed';
  switch (event) {
    case 'booked':
      return at
        ? `Your order ${code} is booked, planned arrival ${at}.`
        : `Your order ${code} is booked for ${window}.`;
    case 'dispatched':
      return at
        ? `Your order ${code} is with ${engineer}, planned arrival ${at}.`
        : `Your order ${code} is with ${engineer}, visiting ${window}.`;
    case 'departed':
      return `${Engineer} is on the way to you (order ${code}).`;
    case 'nearby':
      return `${Engineer} will arrive in about 15 minutes (order ${code}).`;
    case 'window_changed':
      return at
        ? `The planned arrival for your order ${code} is now ${at}.`
        : `The visit for your order ${code} is now ${window}.`;
  }
}

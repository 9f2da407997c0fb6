import type { CustomerEvent, CustomerLanguage, TimeWindow, WorkOrder } from '../../../shared/domain/index.js';
import { customerEngineerName } from '../customer/engineer-name.js';

/**
 * The window the customer was promised: the appointment when one was made, else the booked visit. What the messages
 * quote and what a message's once-only key names.
 */
export function promisedWindow(order: Pick<WorkOrder, 'window' | 'booking'>): TimeWindow | null {
  if (order.window) return order.window;
  return order.booking ? { start: order.booking.start, end: order.booking.end } : null;
}

/** The once-only key of a message: the order, the event and the window it was about. */
export function messageKey(orderId: string, event: CustomerEvent, window: TimeWindow | null): string {
  return `${orderId}:${event}:${window ? `${window.start}-${window.end}` : 'none'}`;
}

export function customerLanguage(order: Pick<WorkOrder, 'customer'>): CustomerLanguage {
  return order.customer.language ?? 'zh';
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

function span(w: TimeWindow | null, lang: CustomerLanguage, timeZone: string): string {
  if (!w) return lang === 'zh' ? '待定' : 'to be confirmed';
  const end = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${clock(w.start, lang, timeZone)}–${end.format(w.end)}`;
}

/**
 * What the customer reads, in their language: the order's code, the news, the window, the engineer (by the name the
 * tracking page shows, `engineer` being their full name; unnamed when unknown), and the link when there is one.
 */
export function messageBody(
  event: CustomerEvent,
  order: Pick<WorkOrder, 'code' | 'window' | 'booking'>,
  lang: CustomerLanguage,
  timeZone: string,
  link: string | undefined,
  engineer: string | null = null,
): string {
  const w = span(promisedWindow(order), lang, timeZone);
  const name = engineer ? customerEngineerName(engineer, lang) : null;
  const zh: Record<CustomerEvent, string> = {
    booked: `您的工单 ${order.code} 已预约，上门时间 ${w}。`,
    dispatched: `您的工单 ${order.code} 已派给${name ?? '工程师'}，上门时间 ${w}。`,
    departed: `${name ?? '工程师'}已出发前往您处（工单 ${order.code}）。`,
    nearby: `${name ?? '工程师'}约 15 分钟后到达（工单 ${order.code}）。`,
    window_changed: `您的工单 ${order.code} 上门时间已改为 ${w}。`,
  };
  const en: Record<CustomerEvent, string> = {
    booked: `Your order ${order.code} is booked for ${w}.`,
    dispatched: `Your order ${order.code} is with ${name ?? 'the engineer'}, visiting ${w}.`,
    departed: `${name ?? 'The engineer'} is on the way to you (order ${order.code}).`,
    nearby: `${name ?? 'The engineer'} will arrive in about 15 minutes (order ${order.code}).`,
    window_changed: `The visit for your order ${order.code} is now ${w}.`,
  };
  const text = (lang === 'zh' ? zh : en)[event];
  if (!link) return text;
  return lang === 'zh' ? `${text}查看进度：${link}` : `${text} Follow it: ${link}`;
}

import { describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../../shared/domain/index.js';
import {
  engineerOfKey,
  messageBody,
  messageKey,
  promised,
  promisedOfTag,
  promisedTag,
  tagOfKey,
  worthTelling,
} from './messages.js';

/** 7 Dec 2026 in Shanghai (UTC+8), `h` and `m` its local time. */
const sh = (h: number, m = 0, day = 7) => Date.UTC(2026, 11, day, h - 8, m);
/** The window promised to the customer: 7 Dec 09:00–12:00. */
const window = { start: sh(9), end: sh(12) };
/** An order promised that window and booked to start at `start` (its end includes the work). */
const bookedAt = (start: number): Pick<WorkOrder, 'code' | 'window' | 'booking'> => ({
  code: 'WO-7',
  window,
  booking: { engineerId: 'eng-1', start, end: start + 90 * 60_000, pinned: false },
});
type Quoting = 'booked' | 'dispatched' | 'window_changed';
const body = (event: Quoting, lang: 'zh' | 'en', start: number) =>
  messageBody(event, bookedAt(start), lang, 'Asia/Shanghai', undefined, '李杰');

describe('what the customer is told of a visit booked outside the promised window', () => {
  it('after the window: the planned arrival, later than the window, in English', () => {
    expect(body('booked', 'en', sh(15, 40))).toBe(
      'Your order WO-7 is booked, planned arrival 7 Dec, 15:40 (later than your 09:00–12:00 window).',
    );
    expect(body('dispatched', 'en', sh(15, 40))).toBe(
      'Your order WO-7 is with 李杰, planned arrival 7 Dec, 15:40 (later than your 09:00–12:00 window).',
    );
    expect(body('window_changed', 'en', sh(15, 40))).toBe(
      'The planned arrival for your order WO-7 is now 7 Dec, 15:40 (later than your 09:00–12:00 window).',
    );
  });

  it('after the window: the planned arrival, later than the window, in Chinese', () => {
    expect(body('booked', 'zh', sh(15, 40))).toBe(
      '您的工单 WO-7 已预约，预计 12月7日 15:40 上门（晚于约定的 09:00–12:00 时段）。',
    );
    expect(body('dispatched', 'zh', sh(15, 40))).toBe(
      '您的工单 WO-7 已派给李师傅，预计 12月7日 15:40 上门（晚于约定的 09:00–12:00 时段）。',
    );
    expect(body('window_changed', 'zh', sh(15, 40))).toBe(
      '您的工单 WO-7 预计上门时间已改为 12月7日 15:40（晚于约定的 09:00–12:00 时段）。',
    );
  });

  it('before the window: the planned arrival, earlier than the window', () => {
    expect(body('booked', 'en', sh(8, 10))).toBe(
      'Your order WO-7 is booked, planned arrival 7 Dec, 08:10 (earlier than your 09:00–12:00 window).',
    );
    expect(body('booked', 'zh', sh(8, 10))).toBe(
      '您的工单 WO-7 已预约，预计 12月7日 08:10 上门（早于约定的 09:00–12:00 时段）。',
    );
    expect(body('window_changed', 'zh', sh(8, 10))).toBe(
      '您的工单 WO-7 预计上门时间已改为 12月7日 08:10（早于约定的 09:00–12:00 时段）。',
    );
  });

  it('on another day than the window: the window with its day, so the two are not read as the same day', () => {
    expect(body('booked', 'en', sh(9, 30, 8))).toBe(
      'Your order WO-7 is booked, planned arrival 8 Dec, 09:30 (later than your 7 Dec, 09:00–12:00 window).',
    );
    expect(body('booked', 'zh', sh(9, 30, 8))).toBe(
      '您的工单 WO-7 已预约，预计 12月8日 09:30 上门（晚于约定的 12月7日 09:00–12:00 时段）。',
    );
  });

  it('inside the window, from its start to its end: the window, as before', () => {
    for (const start of [sh(9), sh(10, 30), sh(12)]) {
      expect(body('booked', 'en', start)).toBe('Your order WO-7 is booked for 7 Dec, 09:00–12:00.');
      expect(body('dispatched', 'zh', start)).toBe('您的工单 WO-7 已派给李师傅，上门时间 12月7日 09:00–12:00。');
      expect(body('window_changed', 'en', start)).toBe('The visit for your order WO-7 is now 7 Dec, 09:00–12:00.');
    }
  });

  it('leaves the messages that quote no time alone', () => {
    expect(messageBody('departed', bookedAt(sh(15, 40)), 'en', 'Asia/Shanghai', undefined, '李杰')).toBe(
      '李杰 is on the way to you (order WO-7).',
    );
    expect(messageBody('nearby', bookedAt(sh(8, 10)), 'zh', 'Asia/Shanghai', undefined, '李杰')).toBe(
      '李师傅约 15 分钟后到达（工单 WO-7）。',
    );
  });
});

describe('the once-only key of a message', () => {
  const key = (start: number) => messageKey('wo-1', 'booked', promised(bookedAt(start)));

  it('names the window alone while the booking is inside it, however it moves there', () => {
    expect(key(sh(9))).toBe(`wo-1:booked:${window.start}-${window.end}`);
    expect(key(sh(12))).toBe(key(sh(10, 30)));
  });

  it('names the planned arrival too when the booking is outside the window, so each such time is news', () => {
    expect(key(sh(15, 40))).toBe(`wo-1:booked:${window.start}-${window.end}@${sh(15, 40)}`);
    expect(new Set([key(sh(15, 40)), key(sh(16)), key(sh(8, 10)), key(sh(10))]).size).toBe(4);
  });
});

describe('what a customer told of a visit hears when it is off', () => {
  it('no longer scheduled: a new time will follow, in English and Chinese, with no time quoted', () => {
    expect(messageBody('unscheduled', bookedAt(sh(10)), 'en', 'Asia/Shanghai', undefined)).toBe(
      'The visit for your order WO-7 is no longer scheduled. We will contact you with a new time.',
    );
    expect(messageBody('unscheduled', bookedAt(sh(10)), 'zh', 'Asia/Shanghai', undefined)).toBe(
      '您的工单 WO-7 暂不安排上门，我们会另行联系您约定新的时间。',
    );
  });

  it('cancelled: the visit is off, with the link when there is one', () => {
    const off = { ...bookedAt(sh(10)), booking: null };
    expect(messageBody('cancelled', off, 'en', 'Asia/Shanghai', 'https://t.example/x')).toBe(
      'The visit for your order WO-7 is cancelled. Follow it: https://t.example/x',
    );
    expect(messageBody('cancelled', off, 'zh', 'Asia/Shanghai', undefined)).toBe('您的工单 WO-7 的上门已取消。');
  });
});

describe('whether a change of the booking is news to the customer', () => {
  /** The customer was told of the visit as `told` was booked; is the booking at `now` worth telling them? */
  const news = (told: Pick<WorkOrder, 'window' | 'booking'>, now: Pick<WorkOrder, 'window' | 'booking'>) =>
    worthTelling(promisedOfTag(promisedTag(promised(told))), now, 'Asia/Shanghai');
  const unwindowed = (start: number): Pick<WorkOrder, 'window' | 'booking'> => ({ ...bookedAt(start), window: null });

  it('reads back from a message key what the customer was told', () => {
    for (const start of [sh(10), sh(15, 40)])
      expect(promisedOfTag(promisedTag(promised(bookedAt(start))))).toEqual(promised(bookedAt(start)));
    expect(promisedOfTag(promisedTag(promised(unwindowed(sh(13, 53)))))).toEqual({ kind: 'planned', at: sh(13, 53) });
    expect(promisedOfTag('none')).toBeNull();
  });

  it('a planned arrival: only a move of more than the tolerance from what they were told, or to another day', () => {
    expect(news(unwindowed(sh(14)), unwindowed(sh(14, 15)))).toBe(false);
    expect(news(unwindowed(sh(14)), unwindowed(sh(14, 30)))).toBe(false);
    expect(news(unwindowed(sh(14)), unwindowed(sh(13, 30)))).toBe(false);
    expect(news(unwindowed(sh(14)), unwindowed(sh(14, 31)))).toBe(true);
    expect(news(unwindowed(sh(14)), unwindowed(sh(13, 29)))).toBe(true);
    // Twenty minutes, but past midnight: another day.
    expect(news(unwindowed(sh(23, 50)), unwindowed(sh(0, 10, 8)))).toBe(true);
  });

  it('a window: any move inside it is not news, leaving it is, however little', () => {
    expect(news(bookedAt(sh(9)), bookedAt(sh(12)))).toBe(false);
    expect(news(bookedAt(sh(11, 55)), bookedAt(sh(12, 5)))).toBe(true);
    expect(news(bookedAt(sh(9, 5)), bookedAt(sh(8, 55)))).toBe(true);
    // Another window promised: news whatever the booking.
    const moved = { ...bookedAt(sh(10)), window: { start: sh(9, 15), end: sh(12) } };
    expect(news(bookedAt(sh(10)), moved)).toBe(true);
  });

  it('outside the window: a nudge is not news, back inside close to what they were told neither, a big move or the other side is', () => {
    expect(news(bookedAt(sh(12, 10)), bookedAt(sh(12, 35)))).toBe(false);
    expect(news(bookedAt(sh(12, 10)), bookedAt(sh(11, 50)))).toBe(false);
    expect(news(bookedAt(sh(12, 10)), bookedAt(sh(12, 45)))).toBe(true);
    expect(news(bookedAt(sh(12, 10)), bookedAt(sh(10)))).toBe(true);
    const narrow = (start: number) => ({ ...bookedAt(start), window: { start: sh(9), end: sh(9, 10) } });
    expect(news(narrow(sh(8, 55)), narrow(sh(9, 15)))).toBe(true);
  });
});

describe('what the customer is told of another engineer', () => {
  it('names the new engineer with the time, or says the time they were given stands', () => {
    const msg = (lang: 'zh' | 'en', start: number, sameTime = false) =>
      messageBody('engineer_changed', bookedAt(start), lang, 'Asia/Shanghai', undefined, 'Tom Baker', sameTime);
    expect(msg('en', sh(10))).toBe('Your order WO-7 is now with Tom, visiting 7 Dec, 09:00–12:00.');
    expect(msg('en', sh(15, 40))).toBe(
      'Your order WO-7 is now with Tom, planned arrival 7 Dec, 15:40 (later than your 09:00–12:00 window).',
    );
    expect(msg('en', sh(10), true)).toBe('Your order WO-7 is now with Tom; the time you were given stands.');
    expect(messageBody('engineer_changed', bookedAt(sh(10)), 'zh', 'Asia/Shanghai', undefined, '李杰', true)).toBe(
      '您的工单 WO-7 已改派给李师傅，上门时间不变。',
    );
  });

  it('keys the message by the engineer, read back from the key', () => {
    const key = messageKey('o:1', 'engineer_changed', { kind: 'planned', at: 5 }, 2, 'eng:7');
    expect(key).toBe('o:1:engineer_changed:eng:7:5#2');
    expect(engineerOfKey('o:1', key)).toBe('eng:7');
    expect(promisedOfTag(tagOfKey(key))).toEqual({ kind: 'planned', at: 5 });
    expect(engineerOfKey('o:1', messageKey('o:1', 'dispatched', { kind: 'planned', at: 5 }))).toBeNull();
  });
});

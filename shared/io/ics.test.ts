import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsUtc, toIcs } from './ics.js';

/** Unfolds an iCalendar text (RFC 5545 §3.1) into its content lines. */
function unfold(text: string): string[] {
  return text.replace(/\r\n /g, '').split('\r\n').slice(0, -1);
}

const octets = (line: string) => Buffer.byteLength(line, 'utf8');

describe('toIcs', () => {
  const start = Date.UTC(2026, 6, 6, 1, 30);
  const event = {
    uid: 'ord-WO-1@dispatch-console',
    sequence: 3,
    start,
    end: start + 90 * 60_000,
    summary: 'WO-1 P2 – Shanghai Metro; Line 2, depot',
    location: '上海市浦东新区世纪大道100号, 东门',
    description: 'Replace the pump\\valve\nCall 021-5555 first',
  };
  const text = toIcs([event, { ...event, uid: 'ord-WO-2@dispatch-console', summary: 'WO-2' }], {
    name: 'Zhou Min, 2026-07-06',
    now: Date.UTC(2026, 6, 5, 22, 0, 5),
  });

  it('writes a calendar of events, line by line, with CRLF endings', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(text);
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Dispatch Console//Daily schedule//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Zhou Min\\, 2026-07-06',
    ]);
    expect(lines.slice(6, 16)).toEqual([
      'BEGIN:VEVENT',
      'UID:ord-WO-1@dispatch-console',
      'SEQUENCE:3',
      'DTSTAMP:20260705T220005Z',
      'DTSTART:20260706T013000Z',
      'DTEND:20260706T030000Z',
      'SUMMARY:WO-1 P2 – Shanghai Metro\\; Line 2\\, depot',
      'LOCATION:上海市浦东新区世纪大道100号\\, 东门',
      'DESCRIPTION:Replace the pump\\\\valve\\nCall 021-5555 first',
      'END:VEVENT',
    ]);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines.at(-1)).toBe('END:VCALENDAR');
  });

  it('folds every physical line at 75 octets without splitting a character', () => {
    const long = toIcs([{ ...event, description: '维修'.repeat(60) + ' and some ASCII text '.repeat(8) }], {
      name: 'x',
      now: start,
    });
    const physical = long.split('\r\n').slice(0, -1);
    for (const line of physical) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);
    expect(physical.join('')).not.toContain('\uFFFD');
    expect(unfold(long)).toContain(`DESCRIPTION:${'维修'.repeat(60)}${' and some ASCII text '.repeat(8)}`);
  });
});

describe('the pieces', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a\\b;c,d\r\ne\rf\ng')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('folds exactly at 75 octets, continuation lines counting their space', () => {
    const folded = foldLine('X'.repeat(200)).split('\r\n');
    expect(folded.map(octets)).toEqual([75, 75, 52]);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(foldLine('short')).toBe('short');
  });

  it('writes UTC times in the basic format', () => {
    expect(icsUtc(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('20260102T030405Z');
  });
});

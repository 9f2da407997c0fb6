// The pure side of replaying an engineer's day: the trail as a track that answers "where at instant t" with a binary
// search, the engineer's status along the period, and the mapping between time and the scrubber.
import type { OrderEvent, Shift } from '../../../../shared/domain/index.js';
import type { PositionReport } from '../../../../shared/sync/index.js';
import { addDays, epochAtLocal } from '../../../../shared/time/index.js';

/** An engineer's fixes in time order, in flat arrays, so a frame costs a binary search and no allocation. */
export interface Track {
  readonly at: Float64Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly speed: Float64Array;
  readonly length: number;
}

/** Where the engineer was at an instant, and the last fix at or before it (-1 before the first). */
export interface Place {
  lat: number;
  lon: number;
  index: number;
}

/** The fixes sorted by time; a second fix at the same instant is dropped. */
export function buildTrack(fixes: readonly PositionReport[]): Track {
  const sorted = [...fixes].sort((a, b) => a.at - b.at);
  const kept = sorted.filter((p, i) => i === 0 || p.at !== sorted[i - 1]!.at);
  const n = kept.length;
  const track = {
    at: new Float64Array(n),
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    speed: new Float64Array(n),
    length: n,
  };
  kept.forEach((p, i) => {
    track.at[i] = p.at;
    track.lat[i] = p.lat;
    track.lon[i] = p.lon;
    track.speed[i] = p.speed;
  });
  return track;
}

/** The index of the last fix at or before `t` (-1 when `t` is before the first fix). */
export function fixBefore(track: Track, t: number): number {
  let lo = 0;
  let hi = track.length - 1;
  if (hi < 0 || t < track.at[0]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (track.at[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The engineer's position at `t`, linear between the fixes either side; before the first fix it is the first, after
 * the last the last. Written into `out` so a frame allocates nothing. Null when the track is empty.
 */
export function positionAt(track: Track, t: number, out: Place = { lat: 0, lon: 0, index: -1 }): Place | null {
  const n = track.length;
  if (n === 0) return null;
  const i = fixBefore(track, t);
  if (i < 0 || i === n - 1) {
    const j = i < 0 ? 0 : n - 1;
    out.lat = track.lat[j]!;
    out.lon = track.lon[j]!;
    out.index = i;
    return out;
  }
  const t0 = track.at[i]!;
  const f = (t - t0) / (track.at[i + 1]! - t0);
  out.lat = track.lat[i]! + (track.lat[i + 1]! - track.lat[i]!) * f;
  out.lon = track.lon[i]! + (track.lon[i + 1]! - track.lon[i]!) * f;
  out.index = i;
  return out;
}

/** The period the scrubber spans. */
export interface Period {
  from: number;
  to: number;
}

/** The scrubber's fraction (0–1) at instant `t`, clamped to the period. */
export function fractionOf(period: Period, t: number): number {
  const span = period.to - period.from;
  if (span <= 0) return 0;
  return Math.min(1, Math.max(0, (t - period.from) / span));
}

/** The instant at a fraction (0–1) of the scrubber, clamped to the period. */
export function timeAt(period: Period, fraction: number): number {
  return period.from + Math.min(1, Math.max(0, fraction)) * (period.to - period.from);
}

/**
 * Where the playhead starts: at the first fix inside the period, so playing shows the engineer moving at once rather
 * than hours of nothing before the trail begins (at 60× a day's empty morning is minutes of real time). The period's
 * start when no fix falls inside it; the scrubber still reaches the whole period.
 */
export function startOf(period: Period, track: Track): number {
  const i = fixBefore(track, period.from - 1) + 1;
  if (i >= track.length || track.at[i]! > period.to) return period.from;
  return Math.max(period.from, track.at[i]!);
}

/** One step of the scrubber from `t` (`direction` ±1), clamped to the period. */
export function step(period: Period, t: number, direction: 1 | -1, stepMs: number): number {
  return Math.min(period.to, Math.max(period.from, t + direction * stepMs));
}

/** What the engineer was doing, as the trail, the shift and the device's status changes tell. */
export const REPLAY_STATUSES = ['travelling', 'stopped', 'on_site', 'break', 'off_shift', 'no_signal'] as const;
export type ReplayStatus = (typeof REPLAY_STATUSES)[number];

export interface StatusSegment {
  start: number;
  end: number;
  status: ReplayStatus;
}

/** Faster than walking pace (metres a second): the van is moving. */
export const MOVING_SPEED = 1.5;
/** A device quiet for longer than this leaves a gap in what is known. */
export const SIGNAL_GAP_MS = 5 * 60_000;
/** A stop shorter than this between two drives is traffic, not a stop. */
export const SHORT_STOP_MS = 2 * 60_000;

/** An order's time on site, from the device's status changes in its audit trail. */
export interface SiteVisit {
  orderId: string;
  start: number;
  end: number;
}

/**
 * The visits on site among some orders' audit events: from each change to `on_site` until the next status change of
 * that order (or `until`, when the engineer is still there).
 */
export function siteVisits(events: readonly OrderEvent[], until: number): SiteVisit[] {
  const byOrder = new Map<string, OrderEvent[]>();
  for (const e of events) {
    if (e.kind !== 'status_changed') continue;
    const list = byOrder.get(e.orderId) ?? [];
    list.push(e);
    byOrder.set(e.orderId, list);
  }
  const visits: SiteVisit[] = [];
  for (const [orderId, list] of byOrder) {
    list.sort((a, b) => a.at - b.at);
    list.forEach((e, i) => {
      if (e.data.to !== 'on_site') return;
      const next = list[i + 1];
      visits.push({ orderId, start: e.at, end: next ? next.at : Math.max(e.at, until) });
    });
  }
  return visits.sort((a, b) => a.start - b.start);
}

/** `segments` with [start, end) set to `status` where the status was one of `over` (all when left out). */
export function paint(
  segments: readonly StatusSegment[],
  start: number,
  end: number,
  status: ReplayStatus,
  over?: ReadonlySet<ReplayStatus>,
): StatusSegment[] {
  const out: StatusSegment[] = [];
  for (const s of segments) {
    const from = Math.max(s.start, start);
    const to = Math.min(s.end, end);
    if (from >= to || (over && !over.has(s.status))) {
      out.push(s);
      continue;
    }
    if (s.start < from) out.push({ start: s.start, end: from, status: s.status });
    out.push({ start: from, end: to, status });
    if (to < s.end) out.push({ start: to, end: s.end, status: s.status });
  }
  return merge(out);
}

function merge(segments: readonly StatusSegment[]): StatusSegment[] {
  const out: StatusSegment[] = [];
  for (const s of segments) {
    const last = out.at(-1);
    if (last && last.status === s.status && last.end === s.start) last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

/**
 * The engineer's status over the period: travelling or stopped from the fixes (short stops in traffic count as
 * travelling), no signal where the device was quiet, on site where its status changes say so, and a stop within a
 * planned break or outside every shift is a break or off shift.
 */
export function statusSegments(
  track: Track,
  period: Period,
  context: { shifts: readonly Shift[]; visits: readonly SiteVisit[] },
): StatusSegment[] {
  let segments: StatusSegment[] = [{ start: period.from, end: period.to, status: 'no_signal' }];
  const moving: StatusSegment[] = [];
  for (let i = 0; i + 1 < track.length; i++) {
    const start = track.at[i]!;
    const end = track.at[i + 1]!;
    if (end - start > SIGNAL_GAP_MS) continue;
    const metres = distanceMetres(track.lat[i]!, track.lon[i]!, track.lat[i + 1]!, track.lon[i + 1]!);
    const fast = track.speed[i]! >= MOVING_SPEED || metres / ((end - start) / 1000) >= MOVING_SPEED;
    moving.push({ start, end, status: fast ? 'travelling' : 'stopped' });
  }
  let known = merge(moving);
  // A short stop between two drives is a traffic light or a jam.
  known = merge(
    known.map((s, i) =>
      s.status === 'stopped' &&
      s.end - s.start < SHORT_STOP_MS &&
      known[i - 1]?.status === 'travelling' &&
      known[i - 1]!.end === s.start &&
      known[i + 1]?.status === 'travelling' &&
      known[i + 1]!.start === s.end
        ? { ...s, status: 'travelling' as const }
        : s,
    ),
  );
  for (const s of known) segments = paint(segments, s.start, s.end, s.status);
  for (const v of context.visits) segments = paint(segments, v.start, v.end, 'on_site');
  const idle = new Set<ReplayStatus>(['stopped', 'no_signal']);
  const shifts = [...context.shifts].sort((a, b) => a.start - b.start);
  let cursor = period.from;
  for (const shift of shifts) {
    if (shift.start > cursor) segments = paint(segments, cursor, shift.start, 'off_shift', idle);
    cursor = Math.max(cursor, shift.end);
    for (const b of shift.breaks) segments = paint(segments, b.start, b.end, 'break', idle);
  }
  if (cursor < period.to) segments = paint(segments, cursor, period.to, 'off_shift', idle);
  return segments.filter((s) => s.end > period.from && s.start < period.to);
}

/** The segment holding `t` (a binary search; the last when `t` is at the end). */
export function segmentAt(segments: readonly StatusSegment[], t: number): StatusSegment | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.start <= t) lo = mid;
    else hi = mid - 1;
  }
  return segments[lo];
}

/** Great-circle distance in metres (haversine). */
export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The longest period the server hands a trail for. */
export const MAX_PERIOD_DAYS = 3;

/**
 * The period of whole local days `fromDate`–`toDate` (YYYY-MM-DD, both included), cut at `now`; or why there is none:
 * the days run backwards, span more than the server keeps a trail request to, or have not begun.
 */
export function periodOfDays(
  fromDate: string,
  toDate: string,
  timeZone: string,
  now: number,
): Period | { problem: 'backwards' | 'too_long' | 'future' } {
  const from = epochAtLocal(fromDate, 0, timeZone);
  const end = epochAtLocal(addDays(toDate, 1), 0, timeZone);
  if (end <= from) return { problem: 'backwards' };
  if (end - from > MAX_PERIOD_DAYS * 86_400_000) return { problem: 'too_long' };
  if (from >= now) return { problem: 'future' };
  return { from, to: Math.min(end, now) };
}

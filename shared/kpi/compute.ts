// The centre's KPIs for a period and team, computed from the order event log: the same numbers in every console, online
// or offline, because they come from the audit trail every console holds.
import { z } from 'zod';
import type { Engineer, GeoPoint, OrderEvent, WorkOrder } from '../domain/index.js';
import { compareEvents } from '../domain/index.js';
import { haversineKm } from '../geo/index.js';
import { addDays, epochAtLocal, localDate } from '../time/index.js';
import { NetScore, surveyScores, surveysOf, type SurveyAnswer } from './survey.js';

const MINUTE = 60_000;
/** Road kilometres per straight-line kilometre in a city, for the distance a drive between two places took. */
export const ROAD_FACTOR = 1.3;

export interface KpiInput {
  orders: Iterable<WorkOrder>;
  engineers: Iterable<Engineer>;
  /** Every event of the orders concerned, in any order (at least from their creation to the period's end). */
  events: Iterable<OrderEvent>;
  from: number;
  to: number;
  /** Only this team's engineers and the work they did; null for the whole centre. */
  team: string | null;
  /** The centre's zone, for the days of the daily series. */
  timeZone: string;
  /**
   * The time the figures are read at (default: the period's end). Visits still going on count up to it, and time
   * rostered after it is not counted yet, so a day under way shows how busy it has been so far.
   */
  now?: number;
}

/** A ratio and what it is made of, so a figure on a dashboard can always say "of how many". */
export const Ratio = z.object({ value: z.number().nullable(), of: z.number().int().min(0) });
export type Ratio = z.infer<typeof Ratio>;

/** A mean and how many cases it is the mean of. */
export const Mean = z.object({ value: z.number().nullable(), n: z.number().int().min(0) });
export type Mean = z.infer<typeof Mean>;

/** One engineer's customer scores for the period: surveys of the orders they completed. */
export const EngineerSurveyScores = z.object({ engineerId: z.string(), csat: Ratio, nps: NetScore });
export type EngineerSurveyScores = z.infer<typeof EngineerSurveyScores>;

export const KpiDay = z.object({
  /** The local date, YYYY-MM-DD. */
  date: z.string(),
  completed: z.number().int().min(0),
  slaAttainment: z.number().nullable(),
  firstResponseMin: z.number().nullable(),
});
export type KpiDay = z.infer<typeof KpiDay>;

export const KpiReport = z.object({
  from: z.number(),
  to: z.number(),
  team: z.string().nullable(),
  /** Created → first engineer on the way (en route), minutes, for orders first responded to in the period. */
  firstResponseMin: Mean,
  /** Created → completed, minutes, for orders completed in the period. */
  resolutionMin: Mean,
  /** Arrivals in the period inside the promised window, of the arrivals that had one. */
  onTimeArrival: Ratio,
  /** Completions in the period that needed no revisit, of all completions. */
  firstTimeFix: Ratio,
  /**
   * Completions in the period by their resolve-by deadline, of all completions plus the open orders whose deadline
   * passed in the period (by now) without them being done: work left undone counts as missed, not as nothing.
   */
  slaAttainment: Ratio,
  /** Completions per engineer-day: completions ÷ engineer shifts that overlap the period. */
  completedPerEngineerDay: Mean,
  /** (Travel + on site) ÷ rostered time (shifts less breaks) inside the period. */
  utilisation: Ratio,
  /** En route → on site, minutes, per arrival in the period (from the devices' status times). */
  travelPerOrderMin: Mean,
  /**
   * Kilometres per arrival in the period, estimated: straight line × ROAD_FACTOR from where the engineer set off (the
   * site they last left that day, else their home base) to the site.
   */
  travelPerOrderKm: Mean,
  /** Minutes of travel and work done outside the engineers' shifts, within the period. */
  overtimeMin: z.number().min(0),
  completed: z.number().int().min(0),
  /** Surveys answered in the period, of orders completed by engineers in scope: share of satisfaction 4–5. */
  csat: Ratio,
  /** The same surveys' net promoter score: promoters (9–10) minus detractors (0–6), in points. */
  nps: NetScore,
  /** CSAT and NPS per engineer in scope who completed an order whose survey was answered in the period. */
  surveysByEngineer: z.array(EngineerSurveyScores),
  days: z.array(KpiDay),
});
export type KpiReport = z.infer<typeof KpiReport>;

interface Visit {
  orderId: string;
  engineerId: string | null;
  enRoute: number | null;
  arrived: number | null;
  /** When the visit ended: work completed or put on hold, or the order taken off the engineer; null while under way. */
  left: number | null;
}

interface OrderStory {
  order: WorkOrder;
  firstEnRoute: number | null;
  completedAt: number | null;
  completedBy: string | null;
  revisited: boolean;
  visits: Visit[];
}

const to = (e: OrderEvent) => (typeof e.data.to === 'string' ? e.data.to : null);

/** Reads one order's trail into when it was first responded to, visited and completed, and by whom. */
function storyOf(order: WorkOrder, events: OrderEvent[]): OrderStory {
  const story: OrderStory = {
    order,
    firstEnRoute: null,
    completedAt: null,
    completedBy: null,
    revisited: false,
    visits: [],
  };
  let engineerId: string | null = null;
  let visit: Visit | null = null;
  for (const e of [...events].sort(compareEvents)) {
    const takenOff =
      e.kind === 'unassigned' ||
      e.kind === 'cancelled' ||
      (e.kind === 'moved' && e.data.engineerId !== engineerId) ||
      (e.kind === 'status_changed' && to(e) === 'cancelled');
    if (takenOff && visit) {
      // The engineer stopped working on it where they were: the visit ends here.
      visit.left = e.at;
      visit = null;
    }
    if ((e.kind === 'assigned' || e.kind === 'moved') && typeof e.data.engineerId === 'string')
      engineerId = e.data.engineerId;
    if (e.kind === 'unassigned') engineerId = null;
    if (e.kind === 'revisit_created') story.revisited = true;
    if (e.kind !== 'status_changed') continue;
    const status = to(e);
    if (status === 'en_route') {
      story.firstEnRoute ??= e.at;
      visit = { orderId: order.id, engineerId, enRoute: e.at, arrived: null, left: null };
      story.visits.push(visit);
    } else if (status === 'on_site') {
      if (!visit) {
        visit = { orderId: order.id, engineerId, enRoute: null, arrived: e.at, left: null };
        story.visits.push(visit);
      } else visit.arrived ??= e.at;
    } else if (status === 'completed' || status === 'on_hold') {
      if (visit) visit.left = e.at;
      visit = null;
      if (status === 'completed') {
        story.completedAt = e.at;
        story.completedBy = engineerId;
      }
    }
  }
  return story;
}

/** Milliseconds of [a0, a1) that fall inside [b0, b1). */
function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Milliseconds of [start, end) outside every one of the intervals (which do not overlap each other). */
function outside(start: number, end: number, intervals: Array<{ start: number; end: number }>): number {
  return end - start - intervals.reduce((sum, s) => sum + overlap(start, end, s.start, s.end), 0);
}

const mean = (xs: number[]): Mean => ({
  value: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null,
  n: xs.length,
});
const ratio = (hits: number, of: number): Ratio => ({ value: of ? hits / of : null, of });
const inPeriod = (t: number | null, from: number, until: number): t is number => t !== null && t >= from && t < until;

/** Every KPI for the period and team (see KpiReport for each definition). */
export function computeKpis(input: KpiInput): KpiReport {
  const { from, to: until, team, timeZone } = input;
  // Time the period has run so far: visits under way end here, rostered time after it is not counted yet.
  const soFar = Math.max(from, Math.min(until, input.now ?? until));
  const engineers = new Map([...input.engineers].map((e) => [e.id, e]));
  const inScope = (engineerId: string | null) =>
    team === null || (engineerId !== null && engineers.get(engineerId)?.team === team);
  const eventsByOrder = new Map<string, OrderEvent[]>();
  for (const e of input.events) {
    const list = eventsByOrder.get(e.orderId) ?? [];
    list.push(e);
    eventsByOrder.set(e.orderId, list);
  }
  const stories = [...input.orders].map((o) => storyOf(o, eventsByOrder.get(o.id) ?? []));

  const responses: Array<{ at: number; min: number }> = [];
  const resolutions: number[] = [];
  const completions: OrderStory[] = [];
  const arrivals: Visit[] = [];
  const visits: Visit[] = [];
  for (const s of stories) {
    const firstVisit = s.visits[0];
    if (inPeriod(s.firstEnRoute, from, until) && inScope(firstVisit?.engineerId ?? null))
      responses.push({ at: s.firstEnRoute, min: (s.firstEnRoute - s.order.createdAt) / MINUTE });
    if (inPeriod(s.completedAt, from, until) && inScope(s.completedBy)) {
      completions.push(s);
      resolutions.push((s.completedAt - s.order.createdAt) / MINUTE);
    }
    for (const v of s.visits) {
      if (!inScope(v.engineerId)) continue;
      visits.push(v);
      if (inPeriod(v.arrived, from, until)) arrivals.push(v);
    }
  }

  // Open work whose resolve-by passed in the period (by now) and that was not completed in time: a missed SLA.
  const missed: OrderStory[] = [];
  for (const s of stories) {
    const due = s.order.sla.resolveBy;
    if (s.order.status === 'cancelled' || !inPeriod(due, from, soFar)) continue;
    if (s.completedAt !== null && (s.completedAt <= due || inPeriod(s.completedAt, from, until))) continue;
    if (inScope(s.order.booking?.engineerId ?? null) || (team === null && !s.order.booking)) missed.push(s);
  }
  const attainment = (done: OrderStory[], late: OrderStory[]) =>
    ratio(done.filter((c) => c.completedAt! <= c.order.sla.resolveBy).length, done.length + late.length);

  const byId = new Map(stories.map((s) => [s.order.id, s.order]));
  const withWindow = arrivals.filter((v) => byId.get(v.orderId)?.window);
  const onTime = withWindow.filter((v) => {
    const w = byId.get(v.orderId)!.window!;
    return v.arrived! >= w.start && v.arrived! <= w.end;
  });
  const travel = arrivals.filter((v) => v.enRoute !== null).map((v) => (v.arrived! - v.enRoute!) / MINUTE);
  const travelKm = drivenKm(arrivals, visits, byId, engineers, timeZone);

  // Rostered time and engineer-days of the engineers in scope.
  let rostered = 0;
  let engineerDays = 0;
  for (const e of engineers.values()) {
    if (team !== null && e.team !== team) continue;
    for (const shift of e.shifts) {
      if (overlap(shift.start, shift.end, from, until) <= 0) continue;
      engineerDays += 1;
      const inside = overlap(shift.start, shift.end, from, soFar);
      rostered += inside - shift.breaks.reduce((sum, b) => sum + overlap(b.start, b.end, from, soFar), 0);
    }
  }
  // Busy time (travel and on site) inside the period, and the part of it outside the engineer's shifts.
  let busy = 0;
  let overtime = 0;
  for (const v of visits) {
    const start = v.enRoute ?? v.arrived;
    if (start === null || !v.engineerId) continue;
    const s = Math.max(start, from);
    const e = Math.min(v.left ?? soFar, soFar);
    if (e <= s) continue;
    busy += e - s;
    overtime += outside(s, e, engineers.get(v.engineerId)?.shifts ?? []);
  }

  // The daily series, by the centre's calendar.
  const days: KpiDay[] = [];
  for (let date = localDate(from, timeZone); ; date = addDays(date, 1)) {
    const start = Math.max(from, epochAtLocal(date, 0, timeZone));
    const end = Math.min(until, epochAtLocal(addDays(date, 1), 0, timeZone));
    if (start >= until) break;
    const done = completions.filter((c) => c.completedAt! >= start && c.completedAt! < end);
    const answered = responses.filter((r) => r.at >= start && r.at < end);
    days.push({
      date,
      completed: done.length,
      slaAttainment: attainment(
        done,
        missed.filter((m) => m.order.sla.resolveBy >= start && m.order.sla.resolveBy < end),
      ).value,
      firstResponseMin: mean(answered.map((r) => r.min)).value,
    });
  }

  // Customer surveys answered in the period, each credited to the engineer who completed the order.
  const completedBy = new Map(stories.filter((s) => s.completedAt !== null).map((s) => [s.order.id, s.completedBy]));
  const surveys: Array<SurveyAnswer & { engineerId: string | null }> = surveysOf(input.events)
    .filter((sv) => inPeriod(sv.at, from, until))
    .map((sv) => ({ ...sv, engineerId: completedBy.get(sv.orderId) ?? null }))
    .filter((sv) => completedBy.has(sv.orderId) && inScope(sv.engineerId));
  const surveyEngineers = new Map<string, SurveyAnswer[]>();
  for (const sv of surveys) {
    if (!sv.engineerId) continue;
    const list = surveyEngineers.get(sv.engineerId) ?? [];
    list.push(sv);
    surveyEngineers.set(sv.engineerId, list);
  }
  const scores = surveyScores(surveys);

  return {
    from,
    to: until,
    team,
    csat: scores.csat,
    nps: scores.nps,
    surveysByEngineer: [...surveyEngineers]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([engineerId, list]) => ({ engineerId, ...surveyScores(list) })),
    firstResponseMin: mean(responses.map((r) => r.min)),
    resolutionMin: mean(resolutions),
    onTimeArrival: ratio(onTime.length, withWindow.length),
    firstTimeFix: ratio(completions.filter((c) => !c.revisited).length, completions.length),
    slaAttainment: attainment(completions, missed),
    completedPerEngineerDay: { value: engineerDays ? completions.length / engineerDays : null, n: engineerDays },
    utilisation: { value: rostered ? busy / rostered : null, of: Math.round(rostered / MINUTE) },
    travelPerOrderMin: mean(travel),
    travelPerOrderKm: mean(travelKm),
    overtimeMin: overtime / MINUTE,
    completed: completions.length,
    days,
  };
}

/**
 * Estimated kilometres of each arrival's drive: from the site of the engineer's previous visit if they left it the same
 * local day, else from their home base, straight line × ROAD_FACTOR.
 */
function drivenKm(
  arrivals: readonly Visit[],
  visits: readonly Visit[],
  orders: ReadonlyMap<string, WorkOrder>,
  engineers: ReadonlyMap<string, Engineer>,
  timeZone: string,
): number[] {
  const byEngineer = new Map<string, Visit[]>();
  for (const v of visits) {
    if (!v.engineerId || v.left === null) continue;
    const list = byEngineer.get(v.engineerId) ?? [];
    list.push(v);
    byEngineer.set(v.engineerId, list);
  }
  const out: number[] = [];
  for (const v of arrivals) {
    const site = orders.get(v.orderId)?.site;
    const engineer = v.engineerId ? engineers.get(v.engineerId) : undefined;
    if (v.enRoute === null || !site || !engineer) continue;
    const setOff = v.enRoute;
    let from: GeoPoint = engineer.homeBase;
    let latest = -Infinity;
    for (const p of byEngineer.get(engineer.id) ?? []) {
      if (p === v || p.left! > setOff || p.left! <= latest || p.arrived === null) continue;
      if (localDate(p.left!, timeZone) !== localDate(setOff, timeZone)) continue;
      const prev = orders.get(p.orderId)?.site;
      if (prev) [from, latest] = [prev, p.left!];
    }
    out.push(haversineKm(from, site) * ROAD_FACTOR);
  }
  return out;
}

/**
 * An independent audit of a plan for the engine's tests: its own distance and time arithmetic, sharing no code with
 * the engine, so a proposal that breaks a hard rule cannot pass because both made the same mistake.
 */
import { planningSpan, shiftOfDay, type Engineer, type WorkOrder } from '../domain/index.js';
import type { DispatchPolicy } from './policy.js';
import type { PlanMove } from './proposal.js';

const MIN = 60_000;

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = 6371.0088;
  const p1 = (a.lat * Math.PI) / 180;
  const p2 = (b.lat * Math.PI) / 180;
  const dp = p2 - p1;
  const dl = ((b.lon - a.lon) * Math.PI) / 180;
  const h = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * r * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}

function driveMs(policy: DispatchPolicy, a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const d = km(a, b);
  if (d < 1e-4) return 0;
  const t = policy.travel;
  return (t.parkingMin + Math.ceil(((d * t.detourFactor) / t.speedKmh) * 60 - 1e-9)) * MIN;
}

/** Minutes free for driving in [from, to): the interval less the breaks and absences inside it. */
function freeMs(busy: Array<[number, number]>, from: number, to: number): number {
  let free = to - from;
  for (const [s, e] of busy) free -= Math.max(0, Math.min(e, to) - Math.max(s, from));
  return free;
}

export interface AuditInput {
  now: number;
  day: { start: number; end: number };
  engineers: readonly Engineer[];
  orders: readonly WorkOrder[];
  policy: DispatchPolicy;
}

/** Orders whose booking must not move: pinned, under way, or starting within the frozen horizon. */
export function frozenOrders(input: AuditInput): Set<string> {
  const out = new Set<string>();
  const horizon = input.now + input.policy.frozenHorizonMin * MIN;
  for (const o of input.orders) {
    const b = o.booking;
    if (!b) continue;
    if (b.pinned || o.status === 'en_route' || o.status === 'on_site' || b.start < horizon) out.add(o.id);
  }
  return out;
}

/** Every hard rule the moves break, in plain words; empty when the plan is sound. */
export function auditMoves(input: AuditInput, moves: readonly PlanMove[]): string[] {
  const errors: string[] = [];
  const { policy, now } = input;
  const byId = new Map(input.orders.map((o) => [o.id, o]));
  const frozen = frozenOrders(input);
  const final = new Map<string, { engineerId: string; start: number } | null>();
  for (const o of input.orders)
    if (o.booking) final.set(o.id, { engineerId: o.booking.engineerId, start: o.booking.start });
  const changed = new Set<string>();
  for (const m of moves) {
    const o = byId.get(m.orderId);
    if (!o) {
      errors.push(`${m.orderId}: unknown order`);
      continue;
    }
    if (m.base.version !== o.version || m.base.rev !== o.rev)
      errors.push(`${o.code}: planned from ${m.base.version}/${m.base.rev}, order is at ${o.version}/${o.rev}`);
    if (frozen.has(o.id)) errors.push(`${o.code}: pinned, under way or frozen, yet moved`);
    if (m.engineerId === null && !o.booking) errors.push(`${o.code}: unassigned but was never booked`);
    final.set(o.id, m.engineerId === null || m.start === null ? null : { engineerId: m.engineerId, start: m.start });
    changed.add(o.id);
  }

  for (const e of input.engineers) {
    // Which shift is the day's is the domain's definition, not arithmetic the engine could get wrong alike.
    const shift = shiftOfDay(e.shifts, input.day, now);
    const span = planningSpan(shift, input.day);
    const jobs = [...final]
      .filter(([, b]) => b && b.engineerId === e.id && b.start < span.end && b.start >= span.start)
      .map(([id, b]) => ({ o: byId.get(id) as WorkOrder, start: (b as { start: number }).start }))
      .sort((a, b) => a.start - b.start);
    if (!jobs.some((j) => changed.has(j.o.id))) continue;
    const busy: Array<[number, number]> = [
      ...(shift?.breaks ?? []).map((b) => [b.start, b.end] as [number, number]),
      ...e.absences.map((a) => [a.start, a.end] as [number, number]),
    ];
    const latest = (shift?.end ?? 0) + policy.maxOvertimeMin * MIN;
    const changedJobs = jobs.filter((j) => changed.has(j.o.id));
    if (e.maxJobs !== null && jobs.length > e.maxJobs && changedJobs.length > 0)
      errors.push(`${e.id}: ${jobs.length} jobs, limit ${e.maxJobs}`);
    for (const need of new Set(changedJobs.flatMap((j) => j.o.requiredParts.map((p) => p.part)))) {
      const used = jobs.reduce(
        (sum, j) => sum + j.o.requiredParts.filter((p) => p.part === need).reduce((a, p) => a + p.qty, 0),
        0,
      );
      if (used > (e.vanStock[need] ?? 0))
        errors.push(`${e.id}: needs ${used} × ${need}, van has ${e.vanStock[need] ?? 0}`);
    }
    jobs.forEach((j, i) => {
      const end = j.start + j.o.durationMin * MIN;
      const prev = jobs[i - 1];
      const isChanged = changed.has(j.o.id);
      if (isChanged) {
        const tag = `${j.o.code} on ${e.id}`;
        if (!shift) errors.push(`${tag}: no shift`);
        else {
          if (j.start < shift.start) errors.push(`${tag}: before the shift`);
          if (end > latest) errors.push(`${tag}: past the shift and overtime`);
        }
        if (j.o.excludedEngineerIds.includes(e.id)) errors.push(`${tag}: excluded by the customer`);
        for (const s of j.o.requiredSkills) {
          const has = Math.max(0, ...e.skills.filter((x) => x.skill === s.skill).map((x) => x.level));
          if (has < s.level) errors.push(`${tag}: ${s.skill} ${has} < ${s.level}`);
        }
        if (j.o.window && (j.start < j.o.window.start || j.start > j.o.window.end))
          errors.push(`${tag}: outside the appointment`);
        if (j.start < now + policy.frozenHorizonMin * MIN) errors.push(`${tag}: inside the frozen horizon`);
        if (busy.some(([s, b]) => s < end && b > j.start)) errors.push(`${tag}: overlaps a break or absence`);
        if (!prev && shift) {
          // Engineers out on the road set off from their last reported position, now; others from base at shift start.
          const pos = e.lastPosition;
          const out =
            pos &&
            e.state !== 'off' &&
            now - pos.at <= policy.positionFreshMin * MIN &&
            now > shift.start &&
            now < shift.end;
          const [from, t0] = out && pos ? [pos, now] : [e.homeBase, Math.max(shift.start, now)];
          if (j.start < t0 || freeMs(busy, t0, j.start) < driveMs(policy, from, j.o.site))
            errors.push(`${tag}: cannot get there from ${out ? 'where the engineer is' : 'base'}`);
        }
      }
      if (prev && (isChanged || changed.has(prev.o.id))) {
        // Whoever finished in the past sets off now at the earliest.
        const prevEnd = Math.max(prev.start + prev.o.durationMin * MIN, now);
        if (prevEnd > j.start || freeMs(busy, prevEnd, j.start) < driveMs(policy, prev.o.site, j.o.site))
          errors.push(`${j.o.code} on ${e.id}: no time to get there from ${prev.o.code}`);
      }
    });
    const last = jobs[jobs.length - 1];
    if (last && changed.has(last.o.id) && policy.returnToBase && shift) {
      const end = last.start + last.o.durationMin * MIN;
      const home = driveMs(policy, last.o.site, e.homeBase);
      // Drive home through any break still ahead: find when it ends.
      let t = Math.max(end, now);
      let left = home;
      for (const [s, b] of [...busy].sort((x, y) => x[0] - y[0])) {
        if (b <= t || left <= 0) continue;
        if (s >= t + left) break;
        left -= Math.max(0, s - t);
        t = b;
      }
      if (t + left > latest) errors.push(`${last.o.code} on ${e.id}: not home before the shift and overtime end`);
    }
  }
  return errors;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDispatchState,
  rankCandidates,
  verdictFor,
  type DispatchDay,
  type EngineProgress,
} from '../../../shared/dispatch/index.js';
import { auditMoves } from '../../../shared/dispatch/plan-audit.testing.js';
import { defaultDispatchPolicy } from '../../../shared/dispatch/policy.js';
import { toPlanMove } from '../../../shared/dispatch/proposal.js';
import { generateScenario } from '../../../shared/scenario/index.js';
import { DispatchClient } from './engine-workers.js';

const city = generateScenario({ seed: 21, engineers: 30, orders: 400 });
const now = city.meta.dayStart + 9 * 3_600_000;
const day: DispatchDay = {
  now,
  day: { start: city.meta.dayStart, end: city.meta.dayStart + 86_400_000 },
  timeZone: city.meta.timeZone,
  engineers: city.engineers,
  orders: city.orders.filter((o) => o.createdAt <= now),
  skills: city.skills,
  parts: city.parts,
};
const local = buildDispatchState(day);
// A queued order some engineer can still take today.
const queued = local.queue.find((o) => rankCandidates(o, local).candidates[0]?.feasible);

let client: DispatchClient;
beforeAll(async () => {
  client = new DispatchClient({ osrmUrl: null });
  await client.load(day);
}, 60_000);
afterAll(async () => {
  await client.dispose();
});

describe('the engine worker', () => {
  it('answers candidates and drop verdicts exactly as the engine does in-process', async () => {
    if (!queued) throw new Error('the scenario has no queued order');
    const remote = await client.rankCandidates(queued.id);
    expect(remote).toEqual(rankCandidates(queued, local));
    const slot = remote.candidates[0]?.slot;
    if (!slot) throw new Error('no feasible candidate');
    const engineerId = remote.candidates[0]?.engineerId ?? '';
    expect(await client.verdictFor(queued.id, engineerId, slot.start)).toEqual(
      verdictFor(queued, engineerId, slot.start, local),
    );
  });

  it('runs auto-dispatch off the calling thread with progress, and cancel returns the best plan so far', async () => {
    const seen: EngineProgress[] = [];
    let cancelled = false;
    const run: ReturnType<DispatchClient['autoDispatch']> = client.autoDispatch({}, 60_000, 1, (p) => {
      seen.push(p);
      if (p.phase === 'search' && !cancelled) {
        cancelled = true;
        run.cancel();
      }
    });
    // The quick lane keeps answering while the search runs.
    const verdict = await client.verdictFor(queued?.id ?? '', city.engineers[0]?.id ?? '', now + 3_600_000);
    expect(verdict.orderId).toBe(queued?.id);
    const proposal = await run.result;
    expect(seen[0]?.phase).toBe('construction');
    // Stopped by the cancel, not by its minute's budget: how soon depends on the machine, and is not asked here.
    expect(proposal.search.stoppedBy).toBe('cancelled');
    expect(proposal.moves.length).toBeGreaterThan(0);
    const audit = auditMoves(
      { ...day, policy: defaultDispatchPolicy() },
      proposal.moves.map((m) => toPlanMove(m)),
    );
    expect(audit).toEqual([]);
  }, 60_000);

  it('re-sequences a day and inserts an emergency', async () => {
    const busy = local.engineers.find((d) => d.stops.length >= 2);
    if (!busy) throw new Error('no engineer with two bookings');
    const reseq = await client.resequenceDay(busy.engineer.id, 200, 1).result;
    expect(reseq.kind).toBe('resequence');
    for (const m of reseq.moves) expect(m.to?.engineerId ?? busy.engineer.id).toBe(busy.engineer.id);
    const urgent = {
      ...(queued as NonNullable<typeof queued>),
      id: 'call-1',
      code: 'WO-CALL-1',
      priority: 'P1' as const,
    };
    const emergency = await client.insertEmergency('call-1', urgent);
    expect(emergency.kind).toBe('emergency');
    expect(emergency.moves.find((m) => m.orderId === 'call-1')?.reason).toMatch(/min drive/);
  }, 60_000);

  it('rejects bad questions with a reason and keeps working', async () => {
    await expect(client.rankCandidates('no-such-order')).rejects.toThrow(
      'order no-such-order is not in the loaded day',
    );
    await expect(client.verdictFor('x', 'y', -5)).rejects.toThrow(/bad request/);
    expect((await client.rankCandidates(queued?.id ?? '')).orderId).toBe(queued?.id);
  });

  it('shuts down cleanly: questions after dispose are refused', async () => {
    const other = new DispatchClient({ osrmUrl: null });
    await other.load(day);
    const refused = expect(other.autoDispatch({}, 60_000, 1).result).rejects.toThrow(
      'the dispatch engine was shut down',
    );
    await other.dispose();
    await refused;
    await expect(other.rankCandidates(queued?.id ?? '')).rejects.toThrow('shut down');
  }, 60_000);
});

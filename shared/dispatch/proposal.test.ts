import { describe, expect, it } from 'vitest';
import { at, booked, dayAt, engineer, order, place } from './fixtures.testing.js';
import { acceptMoves, linkDependencies, neededWith, type ProposalMove } from './proposal.js';

// Li Wei is booked at 08:30 with r1; the proposal moves r1 to Wang Fang to give Li Wei's 08:30 to the urgent e1, and
// books two more orders (a1, a2) to Wang Fang in the afternoon, needing nothing else.
const li = engineer('li', { name: 'Li Wei', homeBase: place(0, 0) });
const wang = engineer('wang', { name: 'Wang Fang', homeBase: place(2, 0) });
const r1 = booked(order('r1', { site: { ...place(0.5, 0), address: 'Next door' } }), 'li', '08:30');
const e1 = order('e1', { priority: 'P1', site: { ...place(0.3, 0), address: 'Hospital' } });
const a1 = order('a1', { site: { ...place(2, 0.5), address: 'North' } });
const a2 = order('a2', { site: { ...place(2, -0.5), address: 'South' } });
const state = dayAt('08:00', [li, wang], [r1, e1, a1, a2]);

function move(o: typeof r1, kind: ProposalMove['kind'], to: { engineerId: string; hhmm: string }): ProposalMove {
  const start = at(to.hhmm);
  return {
    kind,
    orderId: o.id,
    code: o.code,
    priority: o.priority,
    from: o.booking ? { engineerId: o.booking.engineerId, start: o.booking.start } : null,
    to: { engineerId: to.engineerId, start, end: start + o.durationMin * 60_000 },
    base: { version: o.version, rev: o.rev },
    reason: 'test',
    dependsOn: [],
  };
}

const moves = [
  move(r1, 'move', { engineerId: 'wang', hhmm: '09:00' }),
  move(e1, 'assign', { engineerId: 'li', hhmm: '08:30' }),
  move(a1, 'assign', { engineerId: 'wang', hhmm: '14:00' }),
  move(a2, 'assign', { engineerId: 'wang', hhmm: '15:30' }),
];
linkDependencies(state, moves);
const proposal = { moves };

describe('accepting picked moves of a proposal', () => {
  it('knows that e1 needs r1 moved out of its slot, and that the afternoon moves need nothing', () => {
    expect(moves.map((m) => [m.orderId, m.dependsOn])).toEqual([
      ['r1', []],
      ['e1', ['r1']],
      ['a1', []],
      ['a2', []],
    ]);
  });

  it('applies exactly the picked moves, and nothing else', () => {
    const accepted = acceptMoves(state, proposal, ['a1', 'a2']);
    expect(accepted.moves.map((m) => m.orderId)).toEqual(['a1', 'a2']);
    expect(accepted).toMatchObject({ needs: [], problems: [] });
  });

  it('takes in no other move by itself: a picked move that needs another is answered with what it needs', () => {
    const accepted = acceptMoves(state, proposal, ['e1', 'a1']);
    expect(accepted.moves.map((m) => m.orderId)).toEqual(['a1', 'e1']);
    expect(accepted.needs).toEqual(['r1']);
    expect(accepted.problems.length).toBeGreaterThan(0);
    expect(neededWith(state, proposal, ['e1', 'a1'])).toEqual({ needs: ['r1'], needing: ['e1'] });
  });

  it('applies both when the dispatcher takes the move it needs too, freeing the slot first', () => {
    const accepted = acceptMoves(state, proposal, ['e1', 'r1']);
    expect(accepted.moves.map((m) => m.orderId)).toEqual(['r1', 'e1']);
    expect(accepted).toMatchObject({ needs: [], problems: [] });
    expect(neededWith(state, proposal, ['e1', 'r1'])).toEqual({ needs: [], needing: [] });
  });
});

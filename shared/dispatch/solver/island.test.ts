import { describe, expect, it } from 'vitest';
import { compileModel } from './compile.js';
import { boardExchange, createBestBoard } from './island.js';
import type { PlanSnapshot } from './plan.js';

// Two vehicles and three jobs on a line; plans are written by hand, only the scores decide.
const cm = compileModel({
  matrix: { size: 4, durations: Array.from({ length: 16 }, (_, k) => Math.abs((k % 4) - Math.floor(k / 4))) },
  vehicles: [
    { start: 0, end: 0 },
    { start: 0, end: 0 },
  ],
  jobs: [{ location: 1 }, { location: 2 }, { location: 3 }],
});
const plan = (a: number[], b: number[]): PlanSnapshot => ({
  routes: [Int32Array.from(a), Int32Array.from(b)],
  unassigned: [0, 1, 2].filter((j) => !a.includes(j) && !b.includes(j)),
});

describe('the island model board', () => {
  it('keeps the best plan offered and hands it to the other searches only, when better than theirs', () => {
    const board = createBestBoard(cm);
    const first = boardExchange(cm, board, 0, 100);
    const second = boardExchange(cm, board, 1, 100);
    // The first offer fills the empty board.
    expect(first.share(Float64Array.of(50), plan([0, 1], [2]))).toBeNull();
    // A worse plan elsewhere is replaced by the board's; the writer itself never takes its own plan back.
    const taken = second.share(Float64Array.of(80), plan([2, 1, 0], []));
    expect(taken?.routes.map((r) => [...r])).toEqual([[0, 1], [2]]);
    expect(taken?.unassigned).toEqual([]);
    expect(first.share(Float64Array.of(60), plan([0], [1]))).toBeNull();
    // A better plan replaces the board's and reaches the first search, unassigned jobs rebuilt.
    expect(second.share(Float64Array.of(40), plan([1, 0], []))).toBeNull();
    const better = first.share(Float64Array.of(50), plan([0, 1], [2]));
    expect(better?.routes.map((r) => [...r])).toEqual([[1, 0], []]);
    expect(better?.unassigned).toEqual([2]);
    // Equal scores change nothing.
    expect(first.share(Float64Array.of(40), plan([0], [1]))).toBeNull();
  });

  it('skips an exchange while another search holds the board instead of waiting', () => {
    const board = createBestBoard(cm);
    const one = boardExchange(cm, board, 0, 100);
    one.share(Float64Array.of(50), plan([0, 1], [2]));
    new Int32Array(board, 0, 1)[0] = 1; // the lock, as another thread holding it would leave it
    expect(boardExchange(cm, board, 1, 100).share(Float64Array.of(90), plan([], []))).toBeNull();
  });

  it('refuses a board made for another model', () => {
    expect(() => boardExchange(cm, new SharedArrayBuffer(8), 0, 100)).toThrow(/holds 8 bytes/);
  });
});

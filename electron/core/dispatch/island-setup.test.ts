import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../shared/dispatch/solver/compile.js';
import { checkIslandSetup } from './island-setup.js';

const model = compileModel({ matrix: { size: 1, durations: [0] }, vehicles: [{ start: 0 }], jobs: [{ location: 0 }] });
const good = {
  index: 1,
  seed: 7,
  startedAt: 0,
  clock: 'cpu',
  exchangeIntervalMs: 100,
  initial: [{ vehicle: 0, jobs: [0] }],
  board: new SharedArrayBuffer(8),
  stop: new SharedArrayBuffer(4),
  model,
};

describe("a search thread's setup", () => {
  it('is taken as given when whole', () => {
    expect(checkIslandSetup(good)).toBe(good);
  });

  it.each([
    [{ index: -1 }, 'index: expected a whole number ≥ 0'],
    [{ clock: 'sundial' }, 'clock: expected wall or cpu'],
    [{ timeLimitMs: 0 }, 'timeLimitMs: expected a positive number'],
    [{ initial: [{ vehicle: 0, jobs: ['a'] }] }, 'initial: expected routes of whole numbers'],
    [{ board: new ArrayBuffer(8) }, 'board: expected a SharedArrayBuffer'],
    [{ model: { nJobs: 1 } }, 'model: expected a compiled model'],
  ])('is refused naming the field: %o', (patch, message) => {
    expect(() => checkIslandSetup({ ...good, ...patch })).toThrow(`bad setup: ${message}`);
  });
});

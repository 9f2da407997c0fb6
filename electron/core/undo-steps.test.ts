import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Cache } from './cache/cache.js';
import { LocalRejection } from './cache/local-state.js';
import { MAX_UNDO_STEPS, UndoSteps, type StepRunner } from './undo-steps.js';
import { textLabel } from './labels.js';

let dir: string;
let cache: Cache;
afterEach(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(): { steps: UndoSteps; changes: () => number } {
  dir = mkdtempSync(join(tmpdir(), 'undo-'));
  cache = new Cache(join(dir, 'cache.sqlite'));
  let changes = 0;
  const records = {
    current: () => null,
    lastChange: (key: string) => ({ record: key, by: null, mine: false, at: null, what: null }),
  };
  return { steps: new UndoSteps(cache, records, () => changes++), changes: () => changes };
}

const note = (i: number) => ({ name: 'addNote', args: { orderId: `wo-${i}`, text: `note ${i}` } });

describe('the undo steps', () => {
  it(`keep the latest ${MAX_UNDO_STEPS} steps and forget older ones`, () => {
    const { steps } = open();
    for (let i = 1; i <= MAX_UNDO_STEPS + 5; i++)
      steps.record({ stack: 'undo', label: textLabel(`step ${i}`), clearRedo: true }, i, [note(i)], 1);
    expect(cache.historyCount('undo')).toBe(MAX_UNDO_STEPS);
    expect(steps.view()).toEqual({
      canUndo: true,
      canRedo: false,
      undoLabel: textLabel(`step ${MAX_UNDO_STEPS + 5}`),
      redoLabel: null,
    });
  });

  it('store a batch to be reversed last action first, and grow it only while it is the latest step', () => {
    const { steps } = open();
    steps.record(
      { stack: 'undo', label: textLabel('import'), clearRedo: true, opensBatch: true },
      1,
      [note(1), note(2)],
      2,
    );
    const grown = steps.batchStep(textLabel('import'), true);
    expect(grown?.inverse).toEqual([note(2), note(1)]);
    steps.record({ stack: 'undo', label: textLabel('import'), clearRedo: true, extend: grown }, 3, [note(3)], 1);
    expect(cache.topHistory('undo')?.inverse).toEqual([note(3), note(2), note(1)]);
    steps.record({ stack: 'undo', label: textLabel('something else'), clearRedo: true }, 4, [note(4)], 1);
    expect(steps.batchStep(textLabel('import'), true)).toBeUndefined();
  });

  it('keep a step the rules refuse, saying why, until it is dropped', () => {
    const { steps, changes } = open();
    steps.record({ stack: 'undo', label: textLabel('note'), clearRedo: true }, 1, [note(1)], 1);
    const refusing: StepRunner = {
      one: () => {
        throw new LocalRejection('field_wins', 'the order is already on site', [
          { id: 'alreadyStatus', args: { status: 'on_site' } },
        ]);
      },
      many: () => ({ results: [], stored: 0 }),
    };
    expect(steps.take('undo', refusing)?.blocked).toMatchObject({
      message: 'cannot undo "note": the order is already on site',
      // The refusal as data too, for the panel to word in the console's language.
      say: [{ id: 'alreadyStatus', args: { status: 'on_site' } }],
      canForce: false,
    });
    expect(steps.view().canUndo).toBe(true);
    steps.drop('undo');
    expect(steps.view().canUndo).toBe(false);
    expect(changes()).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../services/index.js';
import { chosenIndex, stepChoice } from './candidate-rows.js';

const candidate = (engineerId: string): Candidate => ({
  engineerId,
  name: engineerId,
  team: 't',
  feasible: false,
  slot: null,
  cost: null,
  slaSlackMin: null,
  verdicts: [],
  summary: '',
});
const list = (...ids: string[]) => ids.map(candidate);

describe('the chosen candidate', () => {
  it('is the first row until one is chosen', () => {
    expect(chosenIndex(list('a', 'b'), null)).toBe(0);
    expect(stepChoice(list('a', 'b'), null, 1)).toBe('b');
  });

  it('stays with the engineer when the list is ranked again, so Enter books who was chosen', () => {
    const chosen = stepChoice(list('a', 'b', 'c'), null, 1);
    expect(chosen).toBe('b');
    // A change to the cache re-ranks: b moves to the top, the chosen row follows it.
    expect(chosenIndex(list('b', 'c', 'a'), chosen)).toBe(0);
    expect(stepChoice(list('b', 'c', 'a'), chosen, 1)).toBe('c');
  });

  it('stays within the list, and falls back to the first row when the chosen engineer left it', () => {
    expect(stepChoice(list('a', 'b'), 'b', 1)).toBe('b');
    expect(stepChoice(list('a', 'b'), 'a', -1)).toBe('a');
    expect(chosenIndex(list('a', 'c'), 'b')).toBe(0);
    expect(stepChoice([], 'b', 1)).toBe('b');
  });
});

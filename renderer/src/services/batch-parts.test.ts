import { describe, expect, it } from 'vitest';
import { batchParts } from './batch-parts.js';

describe('batchParts', () => {
  it('keeps every action, in order, with no part over the byte or count limit', () => {
    const actions = Array.from({ length: 250 }, (_, i) => ({ name: 'addNote', args: { text: 'x'.repeat(i % 40) } }));
    const parts = batchParts(actions, 1_000, 30);
    expect(parts.flat()).toEqual(actions);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(30);
      expect(new TextEncoder().encode(JSON.stringify(p)).length).toBeLessThanOrEqual(1_000);
    }
    expect(parts.length).toBeGreaterThan(250 / 30);
  });

  it('counts UTF-8 bytes, so Chinese text splits sooner than its string length suggests', () => {
    const note = { text: '客户来电要求改约'.repeat(10) };
    const parts = batchParts([note, note, note, note], 600, 100);
    // Each note is about 250 bytes of UTF-8 but 100 characters.
    expect(parts.map((p) => p.length)).toEqual([2, 2]);
  });

  it('sends one oversized action alone, and nothing for an empty batch', () => {
    const big = { text: 'y'.repeat(2_000) };
    expect(batchParts([{ text: 'a' }, big, { text: 'b' }], 1_000, 10)).toEqual([
      [{ text: 'a' }],
      [big],
      [{ text: 'b' }],
    ]);
    expect(batchParts([], 1_000, 10)).toEqual([]);
  });
});

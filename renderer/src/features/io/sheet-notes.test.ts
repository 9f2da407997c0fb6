import { describe, expect, it } from 'vitest';
import type { OrderEventView } from '../../services/views.js';
import { readSheetNotes } from './sheet-notes.js';

const event = (kind: string, text: string) => ({ kind, data: { text } }) as unknown as OrderEventView;

describe("a daily sheet's notes", () => {
  it('are the notes of each order, and a timeline that cannot be read is kept as its reason, not as no notes', async () => {
    const failure = new Error('timeline unavailable');
    const read = await readSheetNotes(['a', 'b', 'c'], async (id) => {
      if (id === 'b') throw failure;
      return id === 'a'
        ? [event('note_added', 'Gate code 4411'), event('assigned', ''), event('note_added', 'Dog')]
        : [];
    });
    expect([...read]).toEqual([
      ['a', { notes: ['Gate code 4411', 'Dog'] }],
      ['b', { failed: failure }],
      ['c', { notes: [] }],
    ]);
  });
});

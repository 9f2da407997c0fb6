import { describe, expect, it } from 'vitest';
import { OversizeMessage, frameParser } from './frame-parser.js';

function decode(limit: number, frame: string): unknown[] {
  const { Decoder } = frameParser(limit);
  const decoder = new Decoder();
  const out: unknown[] = [];
  decoder.on('decoded', (p: unknown) => out.push(p));
  decoder.add(frame);
  return out;
}

describe('frameParser', () => {
  it('hands an over-long event frame to its handler as its size, unparsed, with the ack id kept', () => {
    // Not even JSON past its head: the stock decoder would throw; this one never reads that far.
    const frame = `217["push",{"mutations":[${'x'.repeat(5_000)}`;
    expect(decode(1_000, frame)).toEqual([
      { type: 2, nsp: '/', id: 17, data: ['push', new OversizeMessage(frame.length)] },
    ]);
    const other = `2/ops,9["pull",${'1'.repeat(2_000)}]`;
    expect(decode(1_000, other)).toEqual([
      { type: 2, nsp: '/ops', id: 9, data: ['pull', new OversizeMessage(other.length)] },
    ]);
  });

  it('parses frames within the limit, and long frames that are not events, as Socket.IO does', () => {
    expect(decode(1_000, '23["pull",{"cursor":null,"resultsAfter":0}]')).toEqual([
      { type: 2, nsp: '/', id: 3, data: ['pull', { cursor: null, resultsAfter: 0 }] },
    ]);
    expect(() => decode(10, `2["push",{"bad json`)).not.toThrow();
    expect(() => decode(1_000, `2["push",{"bad json`)).toThrow();
    expect(decode(10, `3${'4'}[${'"a",'.repeat(10)}"b"]`)).toMatchObject([{ type: 3, id: 4 }]);
  });
});

import { describe, expect, it } from 'vitest';
import { OversizeMessage, UnparsedMessage, frameParser } from './frame-parser.js';

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
    const frame = `217["push",{"mutations":[${'x'.repeat(50_000)}`;
    expect(decode(20_000, frame)).toEqual([
      { type: 2, nsp: '/', id: 17, data: ['push', new OversizeMessage(frame.length)] },
    ]);
    const other = `2/ops,9["pull",${'1'.repeat(20_000)}]`;
    expect(decode(20_000, other)).toEqual([
      { type: 2, nsp: '/ops', id: 9, data: ['pull', new OversizeMessage(other.length)] },
    ]);
  });

  it('leaves a large event frame unparsed until its handler asks, and then gives the payload as Socket.IO would', () => {
    const payload = { mutations: [{ id: 1, name: 'addNote', args: { text: '调度'.repeat(20_000) } }] };
    const [packet] = decode(1_000_000, `25["push",${JSON.stringify(payload)}]`) as Array<{
      id: number;
      data: unknown[];
    }>;
    expect(packet!.id).toBe(5);
    const unparsed = packet!.data[1];
    expect(unparsed).toBeInstanceOf(UnparsedMessage);
    expect((unparsed as UnparsedMessage).parse()).toEqual(payload);
    const broken = decode(1_000_000, `2["push",{"x":"${'y'.repeat(20_000)}`) as Array<{ data: unknown[] }>;
    expect(() => (broken[0]!.data[1] as UnparsedMessage).parse()).toThrow(SyntaxError);
  });

  it('parses frames within the limit, and long frames that are not events, as Socket.IO does', () => {
    expect(decode(1_000, '23["pull",{"cursor":null,"resultsAfter":0}]')).toEqual([
      { type: 2, nsp: '/', id: 3, data: ['pull', { cursor: null, resultsAfter: 0 }] },
    ]);
    expect(() => decode(1_000, `2["push",{"bad json`)).toThrow();
    expect(decode(10, `34[${'"a",'.repeat(5_000)}"b"]`)).toMatchObject([{ type: 3, id: 4 }]);
  });
});

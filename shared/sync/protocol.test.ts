import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBytes, MAX_MESSAGE_BYTES, MAX_MUTATION_BYTES, pushBytes, utf8Bytes } from './protocol.js';

describe('message size', () => {
  it('counts UTF-8 bytes as Node encodes them, whatever the script', () => {
    expect(utf8Bytes('修'.repeat(600_000))).toBe(1_800_000);
    expect(utf8Bytes('a😀é')).toBe(Buffer.byteLength('a😀é', 'utf8'));
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
    );
  });

  it('sizes a push exactly as the server measures the message', () => {
    const mutations = [
      { id: 1, name: 'addNote', args: { orderId: 'o-1', text: '维修 pump' }, createdAt: 5 },
      { id: 2, name: 'addNote', args: { orderId: 'o-2', text: 'x' }, createdAt: 6 },
    ];
    expect(pushBytes(mutations.map(jsonBytes))).toBe(jsonBytes({ mutations }));
    expect(pushBytes([])).toBe(jsonBytes({ mutations: [] }));
    expect(pushBytes([MAX_MUTATION_BYTES])).toBe(MAX_MESSAGE_BYTES);
  });
});

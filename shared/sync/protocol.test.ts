import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  jsonBytes,
  MAX_MESSAGE_BYTES,
  MAX_MUTATION_BYTES,
  MutationResult,
  pushBytes,
  Rejection,
  utf8Bytes,
} from './protocol.js';

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

describe('a refusal on the wire', () => {
  const say = [{ id: 'orderNotBooked' as const, args: { order: 'WO-1' } }];
  it('carries the refusal as data next to its English, and still reads one without it', () => {
    const rejected = { id: 3, status: 'rejected', code: 'illegal_transition', message: 'WO-1 is not booked' };
    expect(MutationResult.parse({ ...rejected, say })).toEqual({ ...rejected, say });
    expect(MutationResult.parse(rejected)).toEqual(rejected);
    const kept = {
      mutationId: 3,
      name: 'unassignOrder',
      code: 'illegal_transition',
      message: 'WO-1 is not booked',
      at: 1,
    };
    expect(Rejection.parse({ ...kept, say })).toEqual({ ...kept, say });
    expect(Rejection.safeParse({ ...kept, say: [{ id: 'no such reason', args: {} }] }).success).toBe(false);
  });
});

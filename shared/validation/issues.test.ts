import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REASONS } from '../dispatch/reasons.js';
import { Shift, TimeWindow, WorkOrder } from '../domain/index.js';
import { generateScenario } from '../scenario/index.js';
import { describeIssues, issueReason, issuesSay } from './issues.js';

const root = join(import.meta.dirname, '..');

/** The sources of the schemas a dispatcher's input meets: the domain's and the mutations' args. */
function schemaSources(): { file: string; text: string }[] {
  return ['domain', 'sync/mutations'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('.testing.'))
      .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(join(root, dir, f), 'utf8') })),
  );
}

describe('zod issues as reasons a console words in its language', () => {
  it("has every rule of the domain's schemas name its reason (params.say), a reason the catalogue knows", () => {
    let rules = 0;
    for (const { file, text } of schemaSources()) {
      // Each custom rule: a .refine(…) or an addIssue({ code: 'custom' … }) with its options up to the next rule.
      const starts = [...text.matchAll(/\.refine\(|addIssue\(\{/g)].map((m) => m.index);
      for (const [n, start] of starts.entries()) {
        const body = text.slice(start, starts[n + 1] ?? start + 600).slice(0, 600);
        rules += 1;
        const say = /params: \{ say: '(\w+)'/.exec(body)?.[1];
        expect(say, `${file}: ${body.slice(0, 120)}`).toBeDefined();
        expect(Object.keys(REASONS), `${file}: ${say}`).toContain(say);
      }
    }
    expect(rules).toBeGreaterThanOrEqual(20);
  });

  it("words every issue code zod gives as a reason, never zod's English", () => {
    const Schema = z.strictObject({
      type: z.string(),
      max: z.number().max(90),
      below: z.number().lt(90),
      min: z.number().min(1),
      above: z.number().gt(1),
      text: z.string().min(2),
      long: z.string().max(2),
      list: z.array(z.number()).min(1),
      many: z.array(z.number()).max(1),
      seven: z.array(z.number()).length(7),
      format: z.string().regex(/^a/),
      step: z.number().multipleOf(5),
      union: z.union([z.string(), z.number()]),
      key: z.record(z.string().min(2), z.number()),
      option: z.enum(['x', 'y']),
      window: TimeWindow,
    });
    const r = Schema.safeParse({
      type: 1,
      max: 100,
      below: 90,
      min: 0,
      above: 1,
      text: 'x',
      long: 'xyz',
      list: [],
      many: [1, 2],
      seven: [1],
      format: 'b',
      step: 3,
      union: true,
      key: { b: 1 },
      option: 'z',
      window: { start: 2, end: 1 },
      extra: 1,
    });
    expect(r.success).toBe(false);
    const reasons = r.error!.issues.map((i) => [i.code, issueReason(i)]);
    const codes = new Set(reasons.map(([code]) => code));
    for (const code of [
      'invalid_type',
      'too_big',
      'too_small',
      'invalid_format',
      'not_multiple_of',
      'unrecognized_keys',
      'invalid_union',
      'invalid_key',
      'invalid_value',
      'custom',
    ])
      expect(codes, code).toContain(code);
    for (const [code, reason] of reasons) expect(typeof reason, String(code)).toBe('object');
    expect(Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.') || '(root)', issueReason(i)]))).toEqual({
      type: { id: 'expectedType', args: { type: 'string' } },
      max: { id: 'atMost', args: { max: 90 } },
      below: { id: 'lessThan', args: { max: 90 } },
      min: { id: 'atLeast', args: { min: 1 } },
      above: { id: 'moreThan', args: { min: 1 } },
      text: { id: 'textAtLeast', args: { min: 2 } },
      long: { id: 'textAtMost', args: { max: 2 } },
      list: { id: 'itemsRequired', args: {} },
      many: { id: 'itemsAtMost', args: { max: 1 } },
      seven: { id: 'itemsExactly', args: { n: 7 } },
      format: { id: 'badFormat', args: {} },
      step: { id: 'multipleOf', args: { n: 5 } },
      union: { id: 'noFormFits', args: {} },
      'key.b': { id: 'badKey', args: {} },
      option: { id: 'oneOf', args: { options: 'x, y' } },
      window: { id: 'windowEndsFirst', args: {} },
      '(root)': { id: 'unknownFields', args: { keys: 'extra' } },
    });
  });

  it('names the same fields as the English message, and the values a rule names (an order status)', () => {
    const city = generateScenario({ seed: 3, engineers: 2, orders: 4 });
    const order = city.orders.find((o) => o.status === 'new')!;
    const r = WorkOrder.safeParse({ ...order, status: 'scheduled' });
    expect(describeIssues(r.error!, 'order')).toBe('order.booking: a scheduled order needs a booking');
    expect(issuesSay(r.error!, 'order')).toEqual([
      {
        id: 'fieldIssue',
        args: { field: 'order.booking', why: [{ id: 'statusNeedsBooking', args: { status: 'scheduled' } }] },
      },
    ]);
    const shift = Shift.safeParse({ start: 2, end: 1, breaks: [] });
    expect(issuesSay(shift.error!)).toEqual([{ id: 'shiftEndsFirst', args: {} }]);
  });
});

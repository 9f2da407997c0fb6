import { describe, expect, it } from 'vitest';
import { RULES } from '../../../../shared/dispatch/index.js';
import { Override } from '../../../../shared/sync/index.js';
import { LOCALES } from '../../i18n/messages.js';
import type { Move, RuleVerdict } from '../../services/index.js';
import { mayOverride, withOverrides, type OverrideRequest } from './override.js';

const skills: RuleVerdict = { rule: 'skills', hard: true, ok: false, message: 'needs HVAC level 3, has none' };
const window: RuleVerdict = { rule: 'window', hard: true, ok: false, message: 'starts 14:00; promised 08:00–09:00' };

function request(broken: Array<[Move, RuleVerdict[]]>, also: Move[] = []): OverrideRequest {
  return {
    moves: [...broken.map(([m]) => m), ...also],
    label: undefined,
    broken: broken.map(([move, rules]) => ({ move, title: move.orderId, rules })),
  };
}

describe('booking against a hard rule', () => {
  it('attaches the rules broken and the typed reason to the moves that break them, and only to those', () => {
    const bad: Move = { orderId: 'o1', engineerId: 'e1', start: 1_000 * 60_000 };
    const fine: Move = { orderId: 'o2', engineerId: 'e1', start: 2_000 * 60_000 };
    const moves = withOverrides(request([[bad, [skills, window]]], [fine]), '  customer agreed  ');
    expect(moves).toEqual([
      {
        ...bad,
        override: {
          broken: [
            { rule: 'skills', reason: 'needs HVAC level 3, has none' },
            { rule: 'window', reason: 'starts 14:00; promised 08:00–09:00' },
          ],
          reason: 'customer agreed',
        },
      },
      fine,
    ]);
    // What the mutation's own schema accepts, and no empty reason.
    expect(Override.safeParse(moves[0]!.override).success).toBe(true);
    expect(withOverrides(request([[bad, [skills]]]), '   ')[0]!.override).toEqual({
      broken: [{ rule: 'skills', reason: 'needs HVAC level 3, has none' }],
    });
  });

  it("records each rule's reason as data beside its English words, for the trail to word in any language", () => {
    const shift: RuleVerdict = {
      rule: 'shift',
      hard: true,
      ok: false,
      message: 'back at base 16:53, past the shift end 15:30 plus 60 min overtime allowed',
      say: [{ id: 'backAtBasePastOvertime', args: { time: '16:53', end: '15:30', min: 60 } }],
    };
    const bad: Move = { orderId: 'o1', engineerId: 'e1', start: 0 };
    const [move] = withOverrides(request([[bad, [shift, skills]]]), '');
    expect(move!.override!.broken).toEqual([
      { rule: 'shift', reason: shift.message, say: shift.say },
      { rule: 'skills', reason: 'needs HVAC level 3, has none' },
    ]);
    // The mutation's schema keeps the data (an unknown field would be dropped on the way to the server).
    expect(Override.parse(move!.override).broken[0]!.say).toEqual(shift.say);
  });

  it("may not override the customer's exclusion of an engineer (the server refuses it)", () => {
    const m: Move = { orderId: 'o1', engineerId: 'e1', start: 0 };
    expect(mayOverride(request([[m, [skills]]]))).toBe(true);
    const excluded: RuleVerdict = { rule: 'excluded', hard: true, ok: false, message: 'the customer asked not to' };
    expect(mayOverride(request([[m, [skills, excluded]]]))).toBe(false);
  });

  it('names every rule of the engine in every language', () => {
    for (const catalogue of Object.values(LOCALES))
      for (const rule of Object.keys(RULES)) expect(catalogue[`rule.${rule}` as keyof typeof catalogue]).toBeTruthy();
  });
});

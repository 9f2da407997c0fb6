import { describe, expect, it } from 'vitest';
import { rankCandidates } from '../../../shared/dispatch/candidates.js';
import { at, booked, dayAt, engineer, order, place } from '../../../shared/dispatch/fixtures.testing.js';
import { bookingViolations } from '../../../shared/dispatch/violations.js';
import { REASON_IDS, REASONS, type Reason, type ReasonId } from '../../../shared/dispatch/index.js';
import { englishOf, sayPlain } from '../../../shared/dispatch/reasons.js';
import { verdictFor } from '../../../shared/dispatch/verdict.js';
import { autoDispatch } from '../../../shared/dispatch/auto.js';
import { insertEmergency } from '../../../shared/dispatch/emergency.js';
import { LOCALES } from './messages.js';
import { engineerNames } from './names.js';
import { noteWords, reasonsWords, reasonWords, refusalWords } from './reason-words.js';
import { ProposalSchema } from '../../../shared/dispatch/schemas.js';
import { defaultDispatchPolicy } from '../../../shared/dispatch/policy.js';
import { RoadMatrixTravel, StraightLineTravel } from '../../../shared/dispatch/travel.js';
import { MutationRejected, refusalText } from '../../../shared/sync/mutation.js';
import { ApiError } from '../../../shared/ipc/errors.js';
import { MutationWorld, PRINCIPALS } from '../../../shared/sync/mutation-world.testing.js';

describe("the engine's reasons in the console's language", () => {
  const engineers = [
    engineer('near', { homeBase: place(2.5, 0), vanStock: { 'p-hvac-filter': 1 }, maxJobs: 4 }),
    engineer('unskilled', { homeBase: place(3, 0), skills: [] }),
    engineer('noParts', { homeBase: place(3, 0), vanStock: {} }),
  ];
  const state = dayAt('07:00', engineers, [order('t', { requiredParts: [{ part: 'p-hvac-filter', qty: 1 }] })]);
  const list = rankCandidates(state.orders.get('t') as never, state);
  const by = (id: string) => list.candidates.find((c) => c.engineerId === id)!;

  it('words every verdict of a candidate list in Chinese, naming skills and parts, with no English left', () => {
    const failed = (id: string) => by(id).verdicts.find((v) => v.status === 'fail')!;
    expect(reasonWords(failed('unskilled'), 'zh-CN')).toBe('需要暖通空调 2 级，不具备该技能');
    expect(reasonWords(failed('unskilled'), 'en')).toBe('needs HVAC level 2, has none');
    expect(reasonWords(failed('noParts'), 'zh-CN')).toBe('需要 1 × F7 空气过滤器，车上只有 0');
    for (const c of list.candidates)
      for (const v of c.verdicts) {
        const zh = reasonWords(v, 'zh-CN');
        expect(zh, `${c.engineerId} ${v.rule}: ${v.reason}`).not.toMatch(/\b(?!WO)[A-Za-z]{4,}\b/);
        expect(reasonWords(v, 'en').length, v.rule).toBeGreaterThan(0);
      }
  });

  it('has Chinese for every reason the engine can give', () => {
    for (const id of REASON_IDS) expect(LOCALES['zh-CN'][`reason.${id}`], id).toBeTruthy();
  });

  it("shows the engine's English when it gave the reason only in words", () => {
    expect(reasonWords({ reason: 'a reason from elsewhere' }, 'zh-CN')).toBe('a reason from elsewhere');
  });
});

describe("why no simple change lets anyone take an order, in the console's language", () => {
  it('names only the real blocker, in Chinese as in English', () => {
    const state = dayAt('07:00', [engineer('a')], [order('t', { requiredSkills: [{ skill: 'hvac', level: 5 }] })]);
    const why = rankCandidates(state.orders.get('t') as never, state).noChange!;
    expect(reasonsWords(why.say, 'en', 'why')).toBe('nobody has HVAC at level 5 or above');
    expect(reasonsWords(why.say, 'zh-CN', 'why')).toBe('没有人具备 5 级或以上的暖通空调');
    const full = dayAt(
      '07:00',
      [engineer('a', { maxJobs: 1 }), engineer('b', { skills: [] })],
      [booked(order('one'), 'a', '09:00'), order('t2')],
    );
    const busy = rankCandidates(full.orders.get('t2') as never, full).noChange!;
    expect(reasonsWords(busy.say, 'zh-CN', 'why')).toBe('唯一具备该技能的工程师 Engineer a 今天已排满');
  });
});

describe("the rules a booking breaks, in the console's language", () => {
  it('words every violation of a day in Chinese', () => {
    const a = engineer('a', { skills: [{ skill: 'hvac', level: 3 }] });
    const orders = [
      booked(order('skill', { requiredSkills: [{ skill: 'electrical', level: 2 }] }), 'a', '09:00'),
      booked(order('late'), 'a', '17:30'),
      booked(order('window', { window: { start: at('08:00'), end: at('09:00') } }), 'a', '14:00'),
      booked(order('first', { durationMin: 120 }), 'a', '10:00'),
      booked(order('second'), 'a', '11:00'),
    ];
    const violations = bookingViolations(dayAt('07:00', [a], orders));
    expect(violations.length).toBeGreaterThanOrEqual(4);
    const window = violations.find((v) => v.orderId === 'window')!;
    expect(reasonWords(window, 'zh-CN')).toBe('14:00 开始，在 08:00–09:00 之外');
    for (const v of violations) {
      expect(v.say, v.reason).toBeDefined();
      expect(reasonWords(v, 'zh-CN').replace(/WO-\w+/g, ''), v.reason).not.toMatch(/[A-Za-z]{4,}/);
    }
  });
});

/** English as the engine writes it and as the console does: durations "1 h" and "1 h 00 min", rule names capitalised. */
const sameEnglish = (text: string) =>
  text
    .toLowerCase()
    .replace(/(\d+) h (\d+) min/g, (_, h: string, m: string) =>
      Number(m) === 0 ? `${h} h` : `${h} h ${Number(m)} min`,
    );

/** Latin words left once the centre's data (names), codes (WO-…, P3) and units (SLA) are taken out. */
const english = (text: string, ...data: string[]) => {
  let rest = text.replace(/WO-[\w-]+/g, ' ');
  for (const d of data) rest = rest.split(d).join(' ');
  return [...rest.matchAll(/[A-Za-z]{3,}/g)].map(([w]) => w).filter((w) => w !== 'SLA');
};

/** A value for each argument a reason names, of the kind the engine gives it. */
function sampleArgs(id: ReasonId): Reason['args'] {
  const args: Reason['args'] = {};
  for (const [, name] of REASONS[id].matchAll(/\{(\w+)\}/g)) {
    const arg = name as string;
    args[arg] =
      arg === 'why'
        ? [{ id: 'noShift', args: {} }]
        : arg === 'list'
          ? [
              { id: 'reachedJobLimit', args: { n: 2 } },
              { id: 'partsPromisedOne', args: {} },
            ]
          : arg === 'skill'
            ? 'hvac'
            : arg === 'part'
              ? 'p-hvac-filter'
              : arg === 'rule'
                ? 'skills'
                : arg === 'duration'
                  ? 45
                  : ['time', 'from', 'to', 'at', 'end', 'done', 'finish', 'latest'].includes(arg)
                    ? 'Tue 09:30'
                    : ['name', 'names'].includes(arg)
                      ? '李伟'
                      : ['order', 'next', 'emergency', 'bumped'].includes(arg)
                        ? 'P3 WO-000231'
                        : arg === 'times'
                          ? '12:00–13:00'
                          : arg === 'text'
                            ? '—'
                            : 7;
  }
  return args;
}

describe('every reason the engine gives, in both languages', () => {
  it('reads every reason in Chinese with no English left, and in English as the engine writes it', () => {
    const words = dayAt('07:00', [], []).words;
    for (const id of REASON_IDS) {
      const reason: Reason = { id, args: sampleArgs(id) };
      const zh = reasonsWords([reason], 'zh-CN');
      expect(english(zh, 'awayAllShift' === id ? '7' : '李伟'), `${id}: ${zh}`).toEqual([]);
      expect(zh, id).not.toMatch(/[{}]/);
      // Skills and parts are named from the console's labels, the engine's from the day's data.
      if (!('skill' in reason.args) && !('part' in reason.args))
        expect(sameEnglish(reasonsWords([reason], 'en')), id).toBe(sameEnglish(englishOf(words, [reason])));
    }
  });

  it("names another day's weekday in the console's language", () => {
    const r: Reason = { id: 'alreadyPast', args: { time: 'Tue 09:30' } };
    expect(reasonsWords([r], 'en')).toBe('Tue 09:30 is already past');
    expect(reasonsWords([r], 'zh-CN')).toBe('周二 09:30 已经过去');
  });

  it('reads reasons given as an argument one after the other, with the joiner of the language', () => {
    const r: Reason = {
      id: 'moveTo',
      args: {
        name: 'Li Wei',
        time: '09:00',
        why: [
          { id: 'driveFromBase', args: { min: 12 } },
          { id: 'preferredEngineer', args: {} },
        ],
      },
    };
    expect(reasonsWords([r], 'en')).toBe(
      "Li Wei 09:00: 12 min drive from home base; the customer's preferred engineer",
    );
    expect(reasonsWords([r], 'zh-CN')).toBe('Li Wei 09:00：从驻地出发车程 12 分钟；客户指定的工程师');
    const full: Reason = {
      id: 'allFull',
      args: {
        able: 3,
        list: [
          { id: 'noGap', args: { n: 2, duration: 90 } },
          { id: 'reachedJobLimit', args: { n: 1 } },
        ],
      },
    };
    expect(reasonsWords([full], 'en')).toBe(
      'all 3 engineers who could do it are full: 2 have no 1 h 30 min gap, 1 reached their job limit',
    );
    expect(reasonsWords([full], 'zh-CN')).toBe(
      '能做的 3 名工程师都已排满：2 人没有 1小时30分 的空档，1 人已达每日工单上限',
    );
  });
});

describe('the rule check of a drag on the board, in Chinese', () => {
  const a = engineer('a', { name: 'Li Wei', homeBase: place(0, 0) });
  const x = booked(order('x'), 'a', '10:00');
  const pinned = booked(order('pin'), 'a', '15:00', { pinned: true });
  const windowed = order('w', { window: { start: at('14:00'), end: at('15:00') } });
  const state = dayAt('09:00', [a], [x, pinned, windowed, order('new')]);
  const drop = (id: string, hhmm: string) => verdictFor(state.orders.get(id)!, 'a', at(hhmm), state);

  it('words every verdict of a drop anywhere in the day, passed or broken', () => {
    const seen = new Set<string>();
    for (const id of ['w', 'new', 'pin', 'x'])
      for (let h = 7; h <= 18; h++)
        for (const m of ['00', '25', '50']) {
          const v = drop(id, `${String(h).padStart(2, '0')}:${m}`);
          for (const r of v.verdicts) {
            if (r.status === 'skipped') continue;
            expect(r.say, `${r.rule}: ${r.reason}`).toBeDefined();
            expect(reasonWords(r, 'en'), r.reason).toBe(r.reason);
            const zh = reasonWords(r, 'zh-CN');
            expect(english(zh, 'Li Wei'), `${r.rule}: ${zh}`).toEqual([]);
            for (const s of r.say!) seen.add(s.id);
          }
        }
    for (const id of ['alreadyPast', 'promisedArrival', 'overlapsOrder', 'runsIntoBreak', 'staysPinned', 'driveIn'])
      expect([...seen]).toContain(id);
  });

  it('says a clash and a broken promise in Chinese', () => {
    const clash = drop('new', '10:30').verdicts.find((v) => v.rule === 'overlap')!;
    expect(reasonWords(clash, 'zh-CN')).toBe('与 P3 WO-x 10:00–11:00 重叠');
    const late = drop('w', '16:00').verdicts.find((v) => v.rule === 'window')!;
    expect(reasonWords(late, 'zh-CN')).toBe('16:00 开始；已向客户承诺 14:00–15:00 到达');
    expect(reasonWords(late, 'en')).toBe('starts 16:00; the customer was promised arrival 14:00–15:00');
  });
});

describe('a rule broken by a planned day, in Chinese', () => {
  it('names the break a drive between two bookings waits out, and when it gets there', () => {
    const x = booked(order('x'), 'a', '11:00');
    const y = booked(order('y', { site: { ...place(9, 0), address: 'z' } }), 'a', '13:00');
    const broken = bookingViolations(dayAt('07:00', [engineer('a')], [x, y])).find((v) => v.orderId === 'y')!;
    expect(reasonWords(broken, 'zh-CN')).toBe(
      '13:00 开始，但 P3 WO-x 12:00 才结束，中间隔着 12:00–13:00 的休息，26 分钟的路程要到 13:26 才能到达',
    );
  });
});

describe("a proposal's reasons, in Chinese", () => {
  const still = { clock: () => 0 };

  it('words every move and every order left in the queue of an auto-dispatch', () => {
    const engineers = [
      engineer('near', { name: 'Li Wei', homeBase: place(2, 0), maxJobs: 2 }),
      engineer('far', { name: 'Wang Fang', homeBase: place(8, 0), skills: [] }),
      engineer('liked', { name: 'Zhou Min', homeBase: place(6, 0) }),
    ];
    const orders = [
      order('a', { preferredEngineerIds: ['liked'] }),
      order('b'),
      order('c', { requiredSkills: [{ skill: 'electrical', level: 4 }] }),
      order('d', { window: { start: at('06:00'), end: at('07:00') } }),
      booked(order('e'), 'far', '09:00'),
      ...Array.from({ length: 6 }, (_, i) => order(`f${i}`, { durationMin: 240 })),
    ];
    const p = autoDispatch({}, 40, 1, dayAt('07:00', engineers, orders), still);
    expect(p.moves.length).toBeGreaterThan(0);
    expect(p.unassigned.length).toBeGreaterThan(0);
    for (const m of [...p.moves, ...p.unassigned]) {
      expect(m.say, m.reason).toBeDefined();
      expect(sameEnglish(reasonWords(m, 'en'))).toBe(sameEnglish(m.reason));
      const zh = reasonWords(m, 'zh-CN');
      expect(english(zh, 'Li Wei', 'Wang Fang', 'Zhou Min'), zh).toEqual([]);
    }
    const liked = p.moves.find((m) => m.orderId === 'a')!;
    expect(reasonWords(liked, 'zh-CN')).toMatch(/^Zhou Min \d\d:\d\d：.*客户指定的工程师$/);
    const skill = p.unassigned.find((u) => u.orderId === 'c')!;
    expect(reasonWords(skill, 'zh-CN')).toMatch(/^范围内当天上班的工程师都不能做（需要/);
    const early = p.unassigned.find((u) => u.orderId === 'd')!;
    expect(reasonWords(early, 'zh-CN')).toMatch(/^预约时段 06:00–07:00 在可开始新工作（\d\d:\d\d）之前就结束了$/);
  });

  it('words why a move booked past its SLA deadline starts no sooner', () => {
    const site = { ...place(1, 0), address: '8 Fuzhou Road' };
    const li = engineer('li', { name: 'Li Wei', homeBase: place(0, 0) });
    const x = booked(order('x', { priority: 'P2', durationMin: 120, site }), 'li', '09:00', { pinned: true });
    const p1 = order('p1', { priority: 'P1', site, sla: { respondBy: at('10:00'), resolveBy: at('14:00') } });
    const p = autoDispatch({}, 30, 1, dayAt('07:00', [li], [x, p1]), still);
    const late = p.moves.find((m) => m.orderId === 'p1')!;
    expect(sameEnglish(reasonWords(late, 'en'))).toBe(sameEnglish(late.reason));
    expect(reasonWords(late, 'zh-CN')).toBe(
      'Li Wei 11:00：在 SLA 截止后 1小时00分 才开始；范围内能做的工程师都无法更早：Li Wei 忙于 P2 WO-x 到 11:00',
    );
  });

  it('words an emergency insertion and the work it bumps', () => {
    const li = engineer('li', { name: 'Li Wei', homeBase: place(0, 0), maxJobs: 2 });
    const wang = engineer('wang', { name: 'Wang Fang', homeBase: place(14, 0) });
    const near = (id: string, hhmm: string) =>
      booked(
        order(id, { priority: 'P4', durationMin: 100, site: { ...place(0.5, 0.5), address: 'Next door' } }),
        'li',
        hhmm,
      );
    const emergency = order('e1', {
      code: 'WO-000412',
      priority: 'P1',
      site: { ...place(0.3, 0), address: 'Hospital' },
    });
    const p = insertEmergency(
      emergency,
      dayAt('08:00', [li, wang], [near('r1', '08:30'), near('r2', '13:30'), emergency]),
    );
    const e = p.moves.find((m) => m.orderId === 'e1')!;
    expect(reasonWords(e, 'en')).toBe(e.reason);
    expect(reasonWords(e, 'zh-CN')).toMatch(/^Li Wei 08:30：车程 \d+ 分钟，最早能到场；挤开 P4 WO-r1/);
    const bump = p.moves.find((m) => m.orderId === 'r1')!;
    expect(reasonWords(bump, 'zh-CN')).toMatch(/^P4 WO-r1 改派给 Wang Fang \d\d:\d\d，为 P1 WO-000412 腾出 08:30$/);
  });
});

describe("a refused change in the console's language", () => {
  /** Every refusal a mutation gives as data, with arguments as the rules fill them. */
  const refusals: Reason[] = [
    { id: 'orderMissing', args: { id: 'wo-9' } },
    { id: 'engineerMissing', args: { id: 'e-9' } },
    { id: 'staleOrder', args: { order: 'WO-1', status: 'scheduled' } },
    { id: 'alreadyWorking', args: { order: 'WO-1', status: 'on_site' } },
    { id: 'completedInField', args: { order: 'WO-1' } },
    { id: 'orderCancelled', args: { order: 'WO-1' } },
    { id: 'orderNotBooked', args: { order: 'WO-1' } },
    { id: 'assignFirst', args: { order: 'WO-1' } },
    { id: 'needsStart', args: { order: 'WO-1' } },
    { id: 'customerExcluded', args: { order: 'WO-1', name: '王伟' } },
    { id: 'planNotApplied', args: { why: [{ id: 'orderMissing', args: { id: 'wo-9' } }] } },
    {
      id: 'orderRefused',
      args: { order: 'WO-1', why: [{ id: 'neverStatus', args: { status: 'new', toStatus: 'completed' } }] },
    },
    { id: 'alreadyStatus', args: { status: 'en_route' } },
    { id: 'finalStatus', args: { status: 'cancelled' } },
    { id: 'neverStatus', args: { status: 'scheduled', toStatus: 'completed' } },
    { id: 'deviceOnlyStatus', args: { status: 'dispatched', toStatus: 'en_route' } },
    { id: 'dispatcherOnlyStatus', args: { status: 'new', toStatus: 'scheduled' } },
    { id: 'notThisDevice', args: { order: 'WO-1' } },
    { id: 'deviceReports', args: { status: 'on_site' } },
    { id: 'noBookingToResume', args: { order: 'WO-1' } },
    { id: 'orderClosed', args: { order: 'WO-1', status: 'completed' } },
    { id: 'orderIdTaken', args: { id: 'wo-9' } },
    { id: 'orderCodeTaken', args: { code: 'WO-9' } },
    { id: 'reportTooEarly', args: { order: 'WO-1', status: 'en_route' } },
    { id: 'reportExists', args: { order: 'WO-1' } },
    { id: 'reportDeviceOnly', args: {} },
    { id: 'staleEngineer', args: { name: '王伟' } },
    { id: 'skillListedTwice', args: {} },
    { id: 'engineerIdTaken', args: { id: 'e-9' } },
    { id: 'stalePolicy', args: {} },
    { id: 'surveyCustomerOnly', args: {} },
    { id: 'surveyNotYet', args: { order: 'WO-1' } },
    { id: 'ownStateOnly', args: {} },
    { id: 'baseMissing', args: {} },
    { id: 'slaAlertNotBelievable', args: { at: '2200-01-01T00:00:00.000Z' } },
    { id: 'slaDueBeforeLogged', args: { at: '2026-12-06T08:00:00.000Z' } },
    { id: 'respondNotDue', args: { order: 'WO-1' } },
    { id: 'resolveNotDue', args: { order: 'WO-1' } },
    { id: 'vanHoldsFewer', args: { have: 0, part: 'p-9', qty: 2 } },
    { id: 'unknownMutation', args: { name: 'e-9' } },
    {
      id: 'movesNeedOthers',
      args: {
        orders: 'WO-2, WO-3',
        why: [
          {
            id: 'orderRefused',
            args: {
              order: 'WO-1',
              why: [{ id: 'overlapsOrder', args: { order: 'WO-2', from: '09:00', to: '10:00' } }],
            },
          },
        ],
      },
    },
    {
      id: 'planNoLongerFits',
      args: {
        why: [{ id: 'orderRefused', args: { order: 'WO-1', why: [{ id: 'alreadyPast', args: { time: '08:00' } }] } }],
      },
    },
  ];

  it('words every refusal in Chinese with no English left, and in English as the rules write it', () => {
    for (const r of refusals) {
      const zh = reasonsWords([r], 'zh-CN');
      expect(english(zh, 'wo-9', 'e-9'), `${r.id}: ${zh}`).toEqual([]);
      expect(zh, r.id).not.toMatch(/\{\w+\}/);
      expect(sameEnglish(reasonsWords([r], 'en')), r.id).toBe(sameEnglish(refusalText([r])));
    }
  });

  it('names the engineer of a refusal as the console does: the one the customer asked not to send', () => {
    const w = new MutationWorld();
    const order = w.find((o) => o.status === 'new');
    const [a] = [...w.reader.engineers.values()];
    w.reader.orders.set(order.id, { ...order, excludedEngineerIds: [a!.id] });
    const r = w.run('assignOrder', { orderId: order.id, base: w.base(order.id), engineerId: a!.id, start: w.now });
    if (r.ok) throw new Error('an excluded engineer was booked');
    const err = new MutationRejected(r.code, r.message, r.say);
    const names = new Map([[a!.id, `${a!.name} (Xuhui 2, #0051)`]]);
    expect(refusalWords(err, 'en', names)).toBe(
      `the customer asked not to send ${a!.name} (Xuhui 2, #0051) to ${order.code}`,
    );
    expect(refusalWords(err, 'zh-CN', names)).toBe(`客户要求不要派 ${a!.name} (Xuhui 2, #0051) 去 ${order.code}`);
    expect(refusalWords(err, 'en')).toBe(r.message);
  });

  it('words a refusal the rules really gave, and falls back to the English of an error without data', () => {
    const w = new MutationWorld();
    const order = w.find((o) => o.status === 'new');
    const seen = w.base(order.id);
    const [a] = [...w.reader.engineers.values()];
    const run = (args: unknown) => w.run('assignOrder', args);
    expect(run({ orderId: order.id, base: seen, engineerId: a!.id, start: w.now + 3_600_000 }).ok).toBe(true);
    const stale = run({ orderId: order.id, base: seen, engineerId: a!.id, start: w.now + 7_200_000 });
    if (stale.ok) throw new Error('a stale change was applied');
    const err = new MutationRejected(stale.code, stale.message, stale.say);
    expect(refusalWords(err, 'zh-CN')).toBe(`${order.code} 在您查看后已被他人修改（现为「已排期」）；请重新加载后再试`);
    expect(refusalWords(err, 'en')).toBe(stale.message);
    const plan = w.run('applyPlan', {
      moves: [{ orderId: 'wo-missing', base: { version: 0, rev: 'seed' }, engineerId: a!.id, start: w.now }],
    });
    if (plan.ok) throw new Error('a plan with a missing order was applied');
    expect(refusalWords(new MutationRejected(plan.code, plan.message, plan.say), 'zh-CN')).toBe(
      '工单 wo-missing 不存在——方案中的调动均未执行',
    );
    expect(refusalWords(new Error('core is restarting'), 'zh-CN')).toBe('core is restarting');
  });

  it('words a failed call without a refusal as data by its kind in Chinese, and keeps the English details in English', () => {
    const offline = new ApiError('unavailable', 'this console is not signed in to a sync server');
    expect(refusalWords(offline, 'zh-CN')).toBe('暂不可用（未连接同步服务器，或调度台正在重启）');
    expect(refusalWords(offline, 'en')).toBe('this console is not signed in to a sync server');
    expect(refusalWords(new ApiError('timeout', 'console.kpis: no answer in 30 s'), 'zh-CN')).toBe('未能及时得到答复');
    const said = new ApiError('conflict', 'order wo-9 does not exist', [{ id: 'orderMissing', args: { id: 'wo-9' } }]);
    expect(refusalWords(said, 'zh-CN')).toBe('工单 wo-9 不存在');
  });

  it("words a role's refusal and an args check from real runs, the domain's rules and zod's checks alike", () => {
    const w = new MutationWorld();
    const order = w.find((o) => o.status === 'new');
    const [a] = [...w.reader.engineers.values()];
    const args = { orderId: order.id, base: w.base(order.id), engineerId: a!.id, start: w.now + 3_600_000 };
    const said = (r: ReturnType<MutationWorld['run']>) => {
      if (r.ok) throw new Error('the change was applied');
      return new MutationRejected(r.code, r.message, r.say);
    };
    const viewer = said(w.run('assignOrder', args, PRINCIPALS.viewer));
    expect(refusalWords(viewer, 'zh-CN')).toBe('查看者无权分配工单');
    expect(refusalWords(viewer, 'en')).toBe('a viewer may not assign an order');
    const minute = said(w.run('assignOrder', { ...args, start: args.start + 30_000 }));
    expect(refusalWords(minute, 'zh-CN')).toBe('args.start：开始时间必须是整分钟');
    expect(refusalWords(minute, 'en')).toBe(minute.message);
    const typed = said(w.run('addNote', { orderId: order.id, text: 7 }));
    expect(refusalWords(typed, 'zh-CN')).toBe('args.text：应为文本');
    const base = said(w.run('setOrderStatus', { orderId: order.id, status: 'cancelled' }));
    expect(refusalWords(base, 'zh-CN')).toBe('调度员必须说明所修改的是工单的哪个版本');
  });
});

describe("a proposal's notes, in the console's language", () => {
  const still = { clock: () => 0 };
  const engineers = [
    engineer('off', { name: 'Li Wei', shifts: [] }),
    engineer('van', { name: 'Wang Fang', vanStock: {} }),
  ];
  const orders = [
    booked(order('kept'), 'off', '10:00', { pinned: true }),
    booked(order('parts', { requiredParts: [{ part: 'p-filter', qty: 2 }] }), 'van', '09:00', { pinned: true }),
    order('new'),
  ];
  const p = autoDispatch({}, 20, 1, dayAt('07:00', engineers, orders), still);
  const said = (lang: 'en' | 'zh-CN') => p.notes.map((n) => noteWords(n, lang));

  it('says where the travel times come from, a booking left with an engineer off that day and a van short of parts', () => {
    expect(said('en')).toEqual([
      'travel times: straight line × 1.35 at 24 km/h',
      'P3 WO-kept stays with Li Wei, who has no shift this day',
      "Wang Fang's fixed bookings need more parts than the van holds",
    ]);
    expect(said('zh-CN')).toEqual([
      '行车时间：直线距离 × 1.35，按时速 24 公里估算',
      'P3 WO-kept 仍留给 Li Wei，该工程师当天没有班次',
      'Wang Fang 的固定预约所需配件超过车上库存',
    ]);
  });

  it("reads as the engine's English in English, and with no English left in Chinese", () => {
    for (const n of p.notes) {
      expect(n.say.length, n.text).toBeGreaterThan(0);
      expect(noteWords(n, 'en')).toBe(n.text);
      expect(english(noteWords(n, 'zh-CN'), 'Li Wei', 'Wang Fang'), n.text).toEqual([]);
    }
  });

  it('keeps its notes as data through the contract that carries a proposal', () => {
    expect(ProposalSchema.parse(JSON.parse(JSON.stringify(p))).notes).toEqual(p.notes);
  });

  it("words a road service's notes, keeping only its technical detail in English", () => {
    const road = new RoadMatrixTravel(
      sayPlain('roadNetwork', { url: 'http://osrm:5000' }),
      new StraightLineTravel(dayAt('07:00', [], []).locations, defaultDispatchPolicy().travel),
      1,
    );
    road.warn('OSRM answered TooBig');
    road.km(0, 1);
    expect(road.notes().map((n) => n.text)).toEqual([
      'OSRM answered TooBig; travel times are straight-line estimates',
      '1 drive had no road figure and was estimated: straight line × 1.35 at 24 km/h',
    ]);
    expect(road.notes().map((n) => noteWords(n, 'zh-CN'))).toEqual([
      'OSRM answered TooBig；行车时间为直线估算',
      '1 段车程没有道路数据，已估算：直线距离 × 1.35，按时速 24 公里估算',
    ]);
    expect(noteWords(sayPlain('travelTimes', { why: road.sourceSaid }), 'zh-CN')).toBe(
      '行车时间：道路网络（路径服务 http://osrm:5000）',
    );
  });
});

describe("a proposal's notes about an engineer who shares a name with another", () => {
  // The engine names the engineer and gives their id beside the name.
  const note = {
    text: "Li Wei's fixed bookings leave no time to drive between them; their day is left as it is",
    say: [{ id: 'fixedChainTight' as const, args: { name: 'Li Wei', engineer: 'eng-0051' } }],
  };
  const names = new Map([
    ['eng-0051', 'Li Wei (Xuhui 2, #0051)'],
    ['eng-0052', 'Li Wei (Xuhui 2, #0052)'],
  ]);

  it('names them as the console does, in English and Chinese', () => {
    expect(noteWords(note, 'en', names)).toBe(
      "Li Wei (Xuhui 2, #0051)'s fixed bookings leave no time to drive between them; their day is left as it is",
    );
    expect(noteWords(note, 'zh-CN', names)).toMatch(/^Li Wei \(Xuhui 2, #0051\) 的固定预约/);
  });

  it('keeps the name the engine gave where the console has no other', () => {
    expect(noteWords(note, 'en', new Map())).toBe(note.text);
    expect(noteWords(note, 'en')).toBe(note.text);
  });
});

describe("the engine's reasons about an engineer who shares a name with another", () => {
  // Two engineers called Li Wei in one team: the engine names them by name and gives the id beside it.
  const li1 = engineer('eng-0051', { name: 'Li Wei' });
  const li2 = engineer('eng-0052', { name: 'Li Wei' });
  const wang = engineer('eng-0060', { name: 'Wang Fang', skills: [] });
  const t = order('t', { excludedEngineerIds: ['eng-0052'], preferredEngineerIds: ['eng-0051', 'eng-0060'] });
  const list = rankCandidates(t, dayAt('07:00', [li1, li2, wang], [t]));
  const verdict = (engineerId: string, rule: string) =>
    list.candidates.find((c) => c.engineerId === engineerId)!.verdicts.find((v) => v.rule === rule)!;
  const names = (locale: 'en' | 'zh-CN') => engineerNames([li1, li2, wang], locale);

  it('names them as the console does in the candidate list, in English and Chinese', () => {
    expect(names('en').get('eng-0052')).toMatch(/^Li Wei \(.+, #0052\)$/);
    expect(reasonWords(verdict('eng-0052', 'excluded'), 'en', names('en'))).toBe(
      `the customer asked not to send ${names('en').get('eng-0052')}`,
    );
    expect(reasonWords(verdict('eng-0052', 'excluded'), 'zh-CN', names('zh-CN'))).toBe(
      `客户要求不要派 ${names('zh-CN').get('eng-0052')}`,
    );
    // Each preferred engineer by the console's name, read with slashes in either language.
    expect(reasonWords(verdict('eng-0052', 'preferred'), 'en', names('en'))).toBe(
      `the customer prefers ${names('en').get('eng-0051')} / Wang Fang`,
    );
    expect(reasonWords(verdict('eng-0052', 'preferred'), 'zh-CN', names('zh-CN'))).toBe(
      `客户指定 ${names('zh-CN').get('eng-0051')} / Wang Fang`,
    );
  });

  it("keeps the engine's names where the console has no other, as the engine's English reads", () => {
    for (const rule of ['excluded', 'preferred']) {
      const v = verdict('eng-0052', rule);
      expect(reasonWords(v, 'en')).toBe(v.reason);
      expect(reasonWords(v, 'en', new Map())).toBe(v.reason);
    }
    expect(verdict('eng-0052', 'preferred').reason).toBe('the customer prefers Li Wei / Wang Fang');
  });

  it('names the only engineer able apart in why no simple change helps', () => {
    const full = dayAt(
      '07:00',
      [
        { ...li1, skills: [] },
        { ...li2, maxJobs: 1 },
      ],
      [booked(order('one'), 'eng-0052', '09:00'), order('t2')],
    );
    const why = rankCandidates(full.orders.get('t2') as never, full).noChange!;
    expect(reasonsWords(why.say, 'en', 'why', names('en'))).toBe(
      `the only engineer with the skill, ${names('en').get('eng-0052')}, is full today`,
    );
  });
});

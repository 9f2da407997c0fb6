import { describe, expect, it } from 'vitest';
import { at, engineer, order, TZ } from '../../../shared/dispatch/fixtures.testing.js';
import type { WorkOrder } from '../../../shared/domain/index.js';
import { createConsoleStore } from '../store/index.js';
import { ConsoleActions } from './actions.js';
import type { Proposal } from '../../../shared/dispatch/index.js';
import type { ConsoleGateway, DispatchProgressEvent, ProposalEvent } from './gateway.js';
import type { CandidateView, Conflict, SlotOffer } from './views.js';

const M = 60_000;
const DAY = 24 * 60 * M;

/** A console on the fixture day at 09:00 with one P1 and Li Wei, and a gateway that records what was stored. */
function consoleWith(
  p1: WorkOrder,
  candidates: CandidateView[],
  refuse: string | null = null,
  more: Partial<ConsoleGateway> = {},
) {
  const store = createConsoleStore();
  store.setState({
    timeZone: TZ,
    orders: new Map([[p1.id, { ...p1, pending: false }]]),
    engineers: new Map([['e1', { ...engineer('e1', { name: 'Li Wei' }), pending: false }]]),
  });
  const stored: Array<{ name: string; args: unknown }> = [];
  const gateway = {
    rankCandidates: async () => candidates,
    laterDay: async () => null,
    mutate: async (name: string, args: unknown) => {
      if (refuse && name !== 'addNote') throw new Error(refuse);
      stored.push({ name, args });
      return { mutationId: stored.length };
    },
    ...more,
  } as unknown as ConsoleGateway;
  return { store, stored, actions: new ConsoleActions(gateway, store, () => at('09:00')) };
}

const p1 = order('p1', {
  priority: 'P1',
  createdAt: at('08:30'),
  updatedAt: at('08:30'),
  sla: { respondBy: at('09:30'), resolveBy: at('14:30') },
});
const slot = (start: number): CandidateView => ({
  engineerId: 'e1',
  name: 'Li Wei',
  feasible: true,
  start,
  end: start + 60 * M,
  costDelta: 10,
  travelMin: 12,
  reasons: [],
});

describe('booking the best candidate', () => {
  it('books nothing when the best slot misses respond-by: it asks, saying how late and against which clock', async () => {
    const { store, stored, actions } = consoleWith(p1, [slot(at('13:15'))]);
    expect(await actions.assignBest('p1')).toBe(false);
    expect(stored).toEqual([]);
    const late = store.getState().lateBooking!;
    expect(late).toMatchObject({ orderId: 'p1', engineerId: 'e1', start: at('13:15') });
    expect(late.lateness).toEqual({ deadline: 'respond', dueAt: at('09:30'), lateMs: 225 * M });
    expect(actions.lateWords(late.lateness)).toBe('3 h 45 min after its respond-by (09:30)');
  });

  it('books a slot on time at once and says so', async () => {
    const { store, stored, actions } = consoleWith(p1, [slot(at('09:20'))]);
    expect(await actions.assignBest('p1')).toBe(true);
    expect(stored.map((s) => s.name)).toEqual(['assignOrder']);
    expect(store.getState().lateBooking).toBeNull();
    expect(store.getState().notice).toMatchObject({ kind: 'info', text: 'WO-p1 booked: Li Wei at 09:20' });
  });

  it('books late knowingly only when asked, and marks the order with a note saying how late', async () => {
    const { store, stored, actions } = consoleWith(p1, [slot(at('13:15'))]);
    await actions.assignBest('p1');
    expect(await actions.bookLate(store.getState().lateBooking!)).toBe(true);
    expect(stored.map((s) => s.name)).toEqual(['assignOrder', 'addNote']);
    expect((stored[1]!.args as { text: string }).text).toBe(
      'Booked late knowingly: Li Wei, 3 h 45 min after its respond-by (09:30)',
    );
    expect(store.getState().lateBooking).toBeNull();
    expect(store.getState().notice?.text).toMatch(/^WO-p1 booked late: Li Wei at 13:15, 3 h 45 min after/);
  });
});

describe('the question before a late booking', () => {
  it("gives the slot's day and the deadline's when they are not today, in English and Chinese", async () => {
    // Due tomorrow 05:50, the best slot tomorrow 08:27: "08:27" alone would read as this morning, already past.
    const p3 = { ...p1, priority: 'P3' as const, sla: { respondBy: at('05:50') + DAY, resolveBy: at('14:30') + DAY } };
    const { store, actions } = consoleWith(p3, [slot(at('08:27') + DAY)]);
    await actions.assignBest('p1');
    const late = store.getState().lateBooking!;
    expect(actions.lateQuestion(late)).toBe(
      'The best slot is Li Wei at Tue, Mar 3 08:27: 2 h 37 min after its respond-by (Tue, Mar 3 05:50).',
    );
    store.getState().setLocale('zh-CN');
    expect(actions.lateQuestion(late)).toBe(
      '最佳时段是 Li Wei，3月3日周二 08:27：比响应时限（3月3日周二 05:50）晚 2小时37分。',
    );
  });

  it('does not call a slot the dispatcher picked from the candidate list the best one', async () => {
    const { store, actions } = consoleWith(p1, [slot(at('13:15'))]);
    await actions.bookUnlessLate('p1', 'e1', at('13:15'), undefined, false, true);
    const late = store.getState().lateBooking!;
    expect(actions.lateQuestion(late)).toBe(
      'With Li Wei at 13:15 it would be 3 h 45 min after its respond-by (09:30).',
    );
    store.getState().setLocale('zh-CN');
    expect(actions.lateQuestion(late)).toBe('派给 Li Wei，13:15：比响应时限（09:30）晚 3小时45分。');
  });
});

describe('when nobody can take it today', () => {
  it('asks core once for the first later day that can, and books its earliest slot there', async () => {
    const ranked: Array<number | undefined> = [];
    const asked: string[] = [];
    const p3 = {
      ...p1,
      priority: 'P3' as const,
      sla: { respondBy: at('09:30') + DAY * 3, resolveBy: at('14:30') + DAY * 3 },
    };
    const { stored, actions } = consoleWith(p3, [], null, {
      rankCandidates: async (_orderId, dayStart) => (ranked.push(dayStart), []),
      laterDay: async (orderId) => (asked.push(orderId), slot(at('10:00') + 2 * DAY)),
    });
    expect(await actions.assignBest('p1')).toBe(true);
    // Today's ranking, then one question for the days after it: not a ranking per day.
    expect(ranked).toEqual([undefined]);
    expect(asked).toEqual(['p1']);
    expect(stored).toEqual([
      {
        name: 'assignOrder',
        args: expect.objectContaining({ orderId: 'p1', engineerId: 'e1', start: at('10:00') + 2 * DAY }),
      },
    ]);
  });
});

/** A window from Find a time that misses the SLA by 90 minutes. */
const lateOffer: SlotOffer = {
  start: at('11:00'),
  end: at('13:00'),
  plannedStart: at('11:00'),
  engineerId: 'e1',
  engineerName: 'Li Wei',
  team: 't1',
  grade: 'poor',
  travelAddedMin: 12,
  slaFit: 'late',
  slaSlackMin: -90,
  dayFullPct: 60,
  dipsIntoBuffer: false,
  cost: 10,
};

describe('a window from Find a time that misses the SLA', () => {
  const offer = lateOffer;
  const late = { lateMs: 90 * M, dueAt: at('09:30') };

  it('taken knowingly, books the window and notes in the trail that it was booked late on purpose, and how late', async () => {
    const { stored, actions } = consoleWith(p1, []);
    expect(await actions.bookSlot({ orderId: 'p1' }, offer, true, late)).toBe(true);
    expect(stored.map((s) => s.name)).toEqual(['assignOrder', 'addNote']);
    expect((stored[1]!.args as { orderId: string; text: string }).orderId).toBe('p1');
    expect((stored[1]!.args as { text: string }).text).toMatch(
      /^Booked late knowingly: .*11:00–13:00, Li Wei, arriving 1 h 30 min after the latest start that keeps the SLA \(09:30\)$/,
    );
  });

  it('promised to any engineer, notes that it was promised late on purpose; in Chinese when the console is', async () => {
    const { store, stored, actions } = consoleWith(p1, []);
    store.getState().setLocale('zh-CN');
    expect(await actions.bookSlot({ orderId: 'p1' }, offer, false, late)).toBe(true);
    expect(stored.map((s) => s.name)).toEqual(['updateOrder', 'addNote']);
    expect((stored[1]!.args as { text: string }).text).toMatch(
      /^明知超时承诺时段：.*11:00–13:00，最早到达时间比满足 SLA 的最晚开工时间（09:30）晚 1小时30分$/,
    );
  });

  it('a window on time adds no note', async () => {
    const { stored, actions } = consoleWith(p1, []);
    expect(await actions.bookSlot({ orderId: 'p1' }, { ...offer, slaFit: 'met', slaSlackMin: 20 }, true)).toBe(true);
    expect(stored.map((s) => s.name)).toEqual(['assignOrder']);
  });
});

describe('an engineer who shares a name with another', () => {
  /** The console above, with a second Li Wei in another team. */
  function withNamesake() {
    const c = consoleWith(p1, [slot(at('09:20'))]);
    c.store.setState({
      engineers: new Map([
        ['eng-0051', { ...engineer('eng-0051', { name: 'Li Wei', team: 'team-xuhui-2' }), pending: false }],
        ['eng-0063', { ...engineer('eng-0063', { name: 'Li Wei', team: 'team-huangpu-1' }), pending: false }],
      ]),
    });
    return c;
  }

  it('is named with their team in the notice of a booking, in English and in Chinese', async () => {
    const { store, actions } = withNamesake();
    await actions.book('p1', 'eng-0051', at('09:15'));
    expect(store.getState().notice?.text).toBe('WO-p1 booked: Li Wei (Xuhui 2) at 09:15');
    store.getState().setLocale('zh-CN');
    await actions.book('p1', 'eng-0063', at('09:15'));
    expect(store.getState().notice?.text).toContain('Li Wei（黄浦1组）');
  });

  it('is named so in the question before a late booking, its notice and the note it leaves', async () => {
    const { store, stored, actions } = withNamesake();
    await actions.bookUnlessLate('p1', 'eng-0063', at('13:15'));
    const late = store.getState().lateBooking!;
    expect(late.name).toBe('Li Wei (Huangpu 1)');
    await actions.bookLate(late);
    expect(store.getState().notice?.text).toMatch(/^WO-p1 booked late: Li Wei \(Huangpu 1\) at 13:15/);
    expect((stored[1]!.args as { text: string }).text).toMatch(/^Booked late knowingly: Li Wei \(Huangpu 1\), /);
  });

  it('is named so when a window from Find a time is booked to them, in the notice and the late note', async () => {
    const { store, stored, actions } = withNamesake();
    // The SLA-missing window of the describe above, booked to the namesake.
    const offer: SlotOffer = { ...lateOffer, engineerId: 'eng-0051', team: 'team-xuhui-2' };
    await actions.bookSlot({ orderId: 'p1' }, offer, true, { lateMs: 90 * M, dueAt: at('09:30') });
    expect((stored[1]!.args as { text: string }).text).toContain(', Li Wei (Xuhui 2), arriving');
    await actions.bookSlot({ orderId: 'p1' }, { ...offer, slaFit: 'met', slaSlackMin: 20 }, true);
    expect(store.getState().notice?.text).toMatch(/booked to Li Wei \(Xuhui 2\)$/);
  });
});

describe('accepting an auto-dispatch proposal', () => {
  it('confirms it as any other change, saying how many moves were accepted, in English and Chinese', async () => {
    const { store, actions } = consoleWith(p1, [], null, {
      acceptProposal: async () => ({ mutationId: 4, moves: 24 }),
    });
    expect(await actions.acceptProposal(3, ['p1'], 'Auto-dispatch')).toEqual({ mutationId: 4, moves: 24 });
    expect(store.getState().notice).toMatchObject({ kind: 'info', text: 'Auto-dispatch: 24 moves accepted' });
    store.getState().setLocale('zh-CN');
    await actions.acceptProposal(3, null, '自动派工');
    expect(store.getState().notice?.text).toBe('自动派工：已采纳 24 项调整');
  });
});

describe('the emergency reshuffle', () => {
  it('is accepted as one plan; one that still leaves the order late marks it as a late booking', async () => {
    const accepted: Array<{ runId: number; label: string }> = [];
    const { store, stored, actions } = consoleWith(p1, [slot(at('13:15'))], null, {
      acceptProposal: async (runId, _ids, label) => {
        accepted.push({ runId, label });
        return { mutationId: 2, moves: 3 };
      },
    });
    await actions.assignBest('p1');
    const lateness = { deadline: 'respond' as const, dueAt: at('09:30'), lateMs: 30 * M };
    expect(await actions.acceptEmergency(7, 'WO-p1', { name: 'Li Wei', lateness })).toBe(true);
    expect(accepted).toEqual([{ runId: 7, label: 'Emergency reshuffle for WO-p1' }]);
    expect(stored.map((s) => s.name)).toEqual(['addNote']);
    expect((stored[0]!.args as { text: string }).text).toBe(
      'Booked late knowingly: Li Wei, 30 min after its respond-by (09:30)',
    );
    expect(store.getState().lateBooking).toBeNull();
    expect(store.getState().notice?.text).toBe('WO-p1 booked by the emergency reshuffle (3 bookings changed)');
  });
});

describe('undo labels', () => {
  /** The labels actions were stored under, in the console's language. */
  function labelled(locale: 'en' | 'zh-CN') {
    const labels: Array<string | undefined> = [];
    const { store, actions } = consoleWith(p1, [], null, {
      // A plan carries its label in its args.
      mutate: async (_name, args, label) => (
        labels.push((args as { label?: string }).label ?? label),
        { mutationId: labels.length }
      ),
      acceptProposal: async (_runId, _ids, label) => (labels.push(label), { mutationId: 9, moves: 2 }),
    });
    store.getState().setLocale(locale);
    return { labels, actions, store };
  }

  it('start with a capital, as core names the others ("Move …", "Auto-dispatch (2 moves)")', async () => {
    const { labels, actions, store } = labelled('en');
    await actions.createOrder({ ...p1, id: 'n1', code: 'WO-n1' });
    const orders = store.getState().orders;
    store.setState({ orders: new Map([...orders, ['b1', { ...p1, id: 'b1', code: 'WO-b1', pending: false }]]) });
    await actions.bumpAndBook('p1', 'e1', at('10:00'), 'b1');
    await actions.acceptEmergency(7, 'WO-p1');
    expect(labels).toEqual(['Log WO-n1', 'Bump WO-b1 for WO-p1', 'Emergency reshuffle for WO-p1']);
  });

  it('read in Chinese in a Chinese console, a logged call included', async () => {
    const { labels, actions } = labelled('zh-CN');
    await actions.createOrder({ ...p1, id: 'n1', code: 'WO-n1' });
    await actions.acceptEmergency(7, 'WO-p1');
    expect(labels).toEqual(['登记 WO-n1', '为 WO-p1 紧急调整']);
  });
});

describe('notices', () => {
  it('a refusal goes when a later action succeeds: the confirmation takes its place', async () => {
    const { store, actions } = consoleWith(p1, []);
    await actions.assignBest('p1');
    expect(store.getState().notice).toMatchObject({
      kind: 'error',
      text: 'No engineer can take WO-p1 within the rules, on its day or any of the next 7 days',
    });
    await actions.book('p1', 'e1', at('09:15'));
    expect(store.getState().notice).toMatchObject({ kind: 'info', text: 'WO-p1 booked: Li Wei at 09:15' });
  });

  it('says which day a booking is for when it is not today', async () => {
    const { store, actions } = consoleWith(p1, []);
    await actions.book('p1', 'e1', at('09:15') + DAY);
    expect(store.getState().notice?.text).toBe('WO-p1 booked: Li Wei at Tue, Mar 3 09:15');
    await actions.book('p1', 'e1', at('10:15'));
    expect(store.getState().notice?.text).toBe('WO-p1 booked: Li Wei at 10:15');
  });

  it('a failure about an order goes when that order changes elsewhere (booked by the autopilot), not before', async () => {
    const { store, actions } = consoleWith(p1, []);
    await actions.assignBest('p1');
    const other = { ...p1, id: 'p2', code: 'WO-p2', pending: false };
    store.getState().applyChanges({ orders: [other], engineers: [], policy: null, eventOrderIds: [], reset: false });
    expect(store.getState().notice?.text).toBe(
      'No engineer can take WO-p1 within the rules, on its day or any of the next 7 days',
    );
    const booked = {
      ...p1,
      status: 'scheduled' as const,
      version: p1.version + 1,
      rev: 'server:9',
      booking: { engineerId: 'e1', start: at('10:00'), end: at('11:00'), pinned: false },
      pending: false,
    };
    store.getState().applyChanges({ orders: [booked], engineers: [], policy: null, eventOrderIds: [], reset: false });
    expect(store.getState().notice).toBeNull();
  });

  it('lets a notice in one language go when the console switches to the other, instead of showing it there', async () => {
    const { store, actions } = consoleWith(p1, []);
    await actions.assignBest('p1');
    expect(store.getState().notice?.text).toMatch(/^No engineer can take WO-p1/);
    store.getState().setLocale('en');
    expect(store.getState().notice?.text).toMatch(/^No engineer can take WO-p1/);
    store.getState().setLocale('zh-CN');
    expect(store.getState().notice).toBeNull();
  });

  it('speaks the console language, refusals included', async () => {
    const { store, actions } = consoleWith(p1, [], 'WO-p1 changed on the server');
    store.getState().setLocale('zh-CN');
    await actions.assignBest('p1');
    expect(store.getState().notice?.text).toBe('没有工程师能在规则内承接 WO-p1：当天和未来 7 天都不行');
    await actions.book('p1', 'e1', at('09:15'));
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: '未完成：WO-p1 changed on the server' });
  });
});

describe('a change the server refuses after it was confirmed', () => {
  /** The server's refusal of mutation `mutationId`, as core lists it. */
  const refusal = (mutationId: number, label: Conflict['label']): Conflict => ({
    mutationId,
    name: 'assignOrder',
    label,
    code: 'conflict',
    message: 'WO-p1 was changed by someone else',
    createdAt: at('09:00'),
    rejectedAt: at('09:01'),
    orderIds: ['p1'],
    bookings: [{ orderId: 'p1', engineerId: 'e1', start: at('09:15') }],
    now: [],
  });
  const assigned = { key: 'assignOrder' as const, values: { order: 'WO-p1', engineer: 'Li Wei' } };

  /** A console whose core lists `listed()` as its conflicts. */
  function withConflicts(listed: () => Conflict[]) {
    return consoleWith(p1, [], null, { conflicts: async () => listed() });
  }

  it('replaces the confirmation still shown with a notice that it was refused, why, and where to settle it', async () => {
    let listed: Conflict[] = [];
    const { store, actions } = withConflicts(() => listed);
    await actions.book('p1', 'e1', at('09:15'));
    expect(store.getState().notice).toMatchObject({ kind: 'info', text: 'WO-p1 booked: Li Wei at 09:15' });
    listed = [refusal(1, assigned)];
    await actions.refreshConflicts();
    expect(store.getState().notice).toMatchObject({
      kind: 'error',
      text:
        'Refused by the server: Assign WO-p1 to Li Wei — WO-p1 was changed by someone else. It was not applied; ' +
        're-apply or discard it in Conflicts',
    });
    expect(store.getState().refusedOrders).toEqual(new Set(['p1']));
  });

  it('names an engineer who shares a name with another by their team in the notice of the refusal', async () => {
    let listed: Conflict[] = [];
    const { store, actions } = withConflicts(() => listed);
    store.setState({
      engineers: new Map([
        ['e1', { ...engineer('e1', { name: 'Li Wei', team: 'team-xuhui-2' }), pending: false }],
        ['e2', { ...engineer('e2', { name: 'Li Wei', team: 'team-huangpu-1' }), pending: false }],
      ]),
    });
    await actions.book('p1', 'e1', at('09:15'));
    listed = [refusal(1, { key: 'assignOrder', values: { order: 'WO-p1', engineer: 'Li Wei', engineerId: 'e1' } })];
    await actions.refreshConflicts();
    expect(store.getState().notice?.text).toMatch(/^Refused by the server: Assign WO-p1 to Li Wei \(Xuhui 2\) — /);
  });

  it('says so in Chinese in a Chinese console', async () => {
    let listed: Conflict[] = [];
    const { store, actions } = withConflicts(() => listed);
    store.getState().setLocale('zh-CN');
    await actions.book('p1', 'e1', at('09:15'));
    listed = [refusal(1, assigned)];
    await actions.refreshConflicts();
    expect(store.getState().notice).toMatchObject({
      kind: 'error',
      text: '服务器拒绝了：将 WO-p1 派给 Li Wei——WO-p1 was changed by someone else。该操作未生效；请在“冲突”中重新应用或放弃',
    });
  });

  it('says it was refused at once when the refusal came before the confirmation', async () => {
    const { store, actions } = withConflicts(() => [refusal(1, assigned)]);
    await actions.refreshConflicts();
    expect(store.getState().notice).toBeNull();
    await actions.book('p1', 'e1', at('09:15'));
    expect(store.getState().notice).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(/^Refused by the server: Assign WO-p1/),
    });
  });

  it('leaves a confirmation alone when a change it never confirmed is refused (one from an earlier session)', async () => {
    let listed: Conflict[] = [];
    const { store, actions } = withConflicts(() => listed);
    await actions.book('p1', 'e1', at('09:15'));
    listed = [refusal(7, assigned)];
    await actions.refreshConflicts();
    expect(store.getState().notice).toMatchObject({ kind: 'info', text: 'WO-p1 booked: Li Wei at 09:15' });
  });

  it('tells a refusal that comes after its confirmation has gone, once, and several at once as a count', async () => {
    let listed: Conflict[] = [];
    const { store, actions } = withConflicts(() => listed);
    await actions.book('p1', 'e1', at('09:15'));
    await actions.addNote('p1', 'gate code 1234');
    // The note's confirmation took the booking's place, and then faded.
    store.getState().dismissNotice();
    listed = [refusal(1, assigned)];
    await actions.refreshConflicts();
    expect(store.getState().notice).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(/^Refused by the server: Assign WO-p1 to Li Wei — /),
    });
    // Told once: looking again says nothing new.
    store.getState().dismissNotice();
    await actions.refreshConflicts();
    expect(store.getState().notice).toBeNull();
    // Back online after an outage, two more refused at once.
    await actions.book('p1', 'e1', at('10:15'));
    await actions.book('p1', 'e1', at('11:15'));
    store.getState().dismissNotice();
    listed = [refusal(1, assigned), refusal(3, assigned), refusal(4, assigned)];
    await actions.refreshConflicts();
    expect(store.getState().notice).toMatchObject({
      kind: 'error',
      text: 'The server refused 2 of your changes. They were not applied; re-apply or discard them in Conflicts',
    });
  });

  it('replaces the confirmation of an accepted emergency reshuffle when the server refuses its plan', async () => {
    let listed: Conflict[] = [];
    const { store, actions } = consoleWith(p1, [], null, {
      conflicts: async () => listed,
      acceptProposal: async () => ({ mutationId: 4, moves: 2 }),
    });
    await actions.acceptEmergency(7, 'WO-p1');
    expect(store.getState().notice?.kind).toBe('info');
    listed = [refusal(4, { key: 'applyNamedPlan', values: { plan: 'Emergency reshuffle for WO-p1', n: 2 } })];
    await actions.refreshConflicts();
    expect(store.getState().notice?.text).toMatch(
      /^Refused by the server: Emergency reshuffle for WO-p1 \(2 moves\) — WO-p1 was changed by someone else\./,
    );
  });
});

describe('re-applying a refused booking', () => {
  const refused: Conflict = {
    mutationId: 3,
    name: 'assignOrder',
    label: { key: 'assignOrder', values: { order: 'WO-p1', engineer: 'Li Wei' } },
    code: 'stale',
    message: 'WO-p1 was changed by someone else',
    createdAt: at('09:00'),
    rejectedAt: at('09:01'),
    orderIds: ['p1'],
    bookings: [{ orderId: 'p1', engineerId: 'e1', start: at('16:30') }],
    now: [],
  };
  const skills = {
    rule: 'skills' as const,
    hard: true,
    ok: false,
    message: 'needs HVAC level 3, has 2',
    say: [{ id: 'skillLow' as const, args: { skill: 'hvac', level: 3, has: 2 } }],
  };
  const verdict = (rules: unknown[]) => ({
    feasible: rules.length === 0,
    verdicts: [{ rule: 'travel', hard: false, ok: true, message: '12 min' }, ...rules],
    costDelta: 0,
    travelMin: 12,
    lateMin: null,
    overtimeMin: null,
  });
  /** A console holding the refused booking, whose engine judges it with `rules` broken now; what it re-applied. */
  function holding(rules: unknown[]) {
    const retried: Array<{ mutationId: number; overrides: unknown }> = [];
    const judged: unknown[][] = [];
    const { store, actions } = consoleWith(p1, [], null, {
      conflicts: async () => (retried.length > 0 ? [] : [refused]),
      verdictFor: async (...args: unknown[]) => (judged.push(args), verdict(rules)),
      retryConflict: async (mutationId: number, overrides?: unknown) => void retried.push({ mutationId, overrides }),
    } as Partial<ConsoleGateway>);
    return { store, actions, retried, judged };
  }

  it('asks the override question first when it now breaks a hard rule, and re-applies nothing until answered', async () => {
    const { store, actions, retried, judged } = holding([skills]);
    await actions.refreshConflicts();
    const question = await actions.settleConflict(3, 'retry');
    expect(judged).toEqual([['p1', 'e1', at('16:30')]]);
    expect(retried).toEqual([]);
    expect(question).toEqual({
      mutationId: 3,
      moves: [{ orderId: 'p1', engineerId: 'e1', start: at('16:30') }],
      broken: [{ move: { orderId: 'p1', engineerId: 'e1', start: at('16:30') }, rules: [skills] }],
    });
    expect(store.getState().conflicts).toHaveLength(1);

    // Confirmed: it goes with the override, as a confirmed drop does.
    const override = { broken: [{ rule: 'skills' as const, reason: 'needs HVAC level 3, has 2' }], reason: 'only one' };
    expect(await actions.settleConflict(3, 'retry', [{ orderId: 'p1', override }])).toBeNull();
    expect(retried).toEqual([{ mutationId: 3, overrides: [{ orderId: 'p1', override }] }]);
    expect(store.getState().conflicts).toEqual([]);
  });

  it('re-applies at once, with no override, when it breaks no hard rule now', async () => {
    const { actions, retried } = holding([]);
    await actions.refreshConflicts();
    expect(await actions.settleConflict(3, 'retry')).toBeNull();
    expect(retried).toEqual([{ mutationId: 3, overrides: [] }]);
  });

  it('says the rule check failed and re-applies nothing when the engine cannot judge it', async () => {
    const retried: number[] = [];
    const { store, actions } = consoleWith(p1, [], null, {
      conflicts: async () => [refused],
      verdictFor: async () => {
        throw new Error('the engine is not ready');
      },
      retryConflict: async (mutationId: number) => void retried.push(mutationId),
    } as Partial<ConsoleGateway>);
    await actions.refreshConflicts();
    expect(await actions.settleConflict(3, 'retry')).toBeNull();
    expect(retried).toEqual([]);
    expect(store.getState().notice).toMatchObject({ kind: 'error' });
    expect(store.getState().notice?.text).toContain('the engine is not ready');
  });
});

describe('re-applying a card of refused changes', () => {
  /** Refused change `mutationId`, booking order `orderId` (of p1's shape) at `hhmm`. */
  const refusedAt = (mutationId: number, orderId: string, hhmm: string): Conflict => ({
    mutationId,
    name: 'moveBooking',
    label: { key: 'assignOrder', values: { order: `WO-${orderId}`, engineer: 'Li Wei' } },
    code: 'stale',
    message: 'WO-p1 was changed by someone else',
    createdAt: at('09:00'),
    rejectedAt: at('09:01'),
    orderIds: [orderId],
    bookings: [{ orderId, engineerId: 'e1', start: at(hhmm) }],
    now: [],
  });
  const pinned = { rule: 'pinned' as const, hard: true, ok: false, message: 'WO-p1 is pinned' };
  /**
   * A console holding refused changes 3, 4 and 5 of one card: 3 and 5 break a hard rule now (their bookings at
   * 16:30), 4 breaks none; what it re-applied, and in what order the questions came.
   */
  function card() {
    const retried: Array<{ mutationId: number; overrides: unknown }> = [];
    const all = [refusedAt(3, 'p1', '16:30'), refusedAt(4, 'p1', '10:00'), refusedAt(5, 'p1', '16:30')];
    const { store, actions } = consoleWith(p1, [], null, {
      conflicts: async () => all.filter((c) => !retried.some((r) => r.mutationId === c.mutationId)),
      verdictFor: async (_o: string, _e: string, start: number) => ({
        feasible: start !== at('16:30'),
        verdicts: start === at('16:30') ? [pinned] : [],
        costDelta: 0,
        travelMin: 12,
        lateMin: null,
        overtimeMin: null,
      }),
      retryConflict: async (mutationId: number, overrides?: unknown) => void retried.push({ mutationId, overrides }),
    } as Partial<ConsoleGateway>);
    return { store, actions, retried };
  }
  const override = { broken: [{ rule: 'pinned' as const, reason: 'WO-p1 is pinned' }], reason: 'the customer asked' };

  it('asks for each change that needs an answer in turn, and re-applies the rest after it', async () => {
    const { store, actions, retried } = card();
    await actions.refreshConflicts();
    const asked: number[] = [];
    const skipped = await actions.reapplyConflicts([3, 4, 5], async (q) => {
      asked.push(q.mutationId);
      return [{ orderId: 'p1', override }];
    });
    expect(asked).toEqual([3, 5]);
    expect(skipped).toEqual([]);
    expect(retried).toEqual([
      { mutationId: 3, overrides: [{ orderId: 'p1', override }] },
      { mutationId: 4, overrides: [] },
      { mutationId: 5, overrides: [{ orderId: 'p1', override }] },
    ]);
    expect(store.getState().conflicts).toEqual([]);
  });

  it('skips a change the dispatcher did not confirm, goes on with the rest, and says which were skipped', async () => {
    const { store, actions, retried } = card();
    await actions.refreshConflicts();
    const asked: number[] = [];
    const skipped = await actions.reapplyConflicts([3, 4, 5], async (q) => {
      asked.push(q.mutationId);
      return q.mutationId === 3 ? null : [{ orderId: 'p1', override }];
    });
    expect(asked).toEqual([3, 5]);
    expect(skipped).toEqual([3]);
    // Nothing of the change not confirmed went; the others did.
    expect(retried.map((r) => r.mutationId)).toEqual([4, 5]);
    expect(store.getState().conflicts.map((c) => c.mutationId)).toEqual([3]);
    expect(store.getState().notice).toMatchObject({ kind: 'info' });
    expect(store.getState().notice?.text).toMatch(
      /^Not re-applied, as you did not confirm it: .*WO-p1.*It stays in Conflicts$/,
    );
  });
});

describe('an auto-dispatch run', () => {
  /** A gateway whose search ends at once: its proposal, and another run's, arrive before its run id does. */
  function instantGateway() {
    const proposals = new Set<(p: ProposalEvent) => void>();
    const progress = new Set<(p: DispatchProgressEvent) => void>();
    const proposal = { moves: [], unassigned: [] } as unknown as Proposal;
    const gateway: Partial<ConsoleGateway> = {
      onProposal: (l) => (proposals.add(l), () => proposals.delete(l)),
      onDispatchProgress: (l) => (progress.add(l), () => progress.delete(l)),
      autoDispatch: async () => {
        for (const l of progress) l({ runId: 7, fraction: 1, bestCost: 5 });
        for (const l of proposals) l({ runId: 6, proposal: null, error: 'an older run' });
        for (const l of proposals) l({ runId: 7, proposal, error: null });
        return { runId: 7 };
      },
    };
    return { gateway, proposal, listening: () => proposals.size + progress.size };
  }

  it('has its outcome when the search ends before its run id comes back, and stops listening then', async () => {
    const { gateway, proposal, listening } = instantGateway();
    const { actions } = consoleWith(p1, [], null, gateway);
    const seen: DispatchProgressEvent[] = [];
    const { runId, outcome } = await actions.startAutoDispatch(
      { teams: [], budgetMs: 3_000, seed: 1, dayStart: at('00:00') },
      (p) => seen.push(p),
    );
    expect(runId).toBe(7);
    expect(await outcome).toEqual({ runId: 7, proposal, error: null });
    // Progress before the run id is known is for no run the panel shows; the outcome says how it ended.
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(listening()).toBe(0);
  });

  it('has the outcome of its own run only, when it comes later', async () => {
    const proposals = new Set<(p: ProposalEvent) => void>();
    const { actions } = consoleWith(p1, [], null, {
      onProposal: (l) => (proposals.add(l), () => proposals.delete(l)),
      onDispatchProgress: () => () => {},
      autoDispatch: async () => ({ runId: 3 }),
    });
    const { outcome } = await actions.startAutoDispatch(
      { teams: [], budgetMs: 3_000, seed: 1, dayStart: at('00:00') },
      () => {},
    );
    let settled: ProposalEvent | null = null;
    void outcome.then((p) => (settled = p));
    for (const l of proposals) l({ runId: 2, proposal: null, error: 'another run' });
    await Promise.resolve();
    expect(settled).toBeNull();
    for (const l of proposals) l({ runId: 3, proposal: null, error: 'no engineer' });
    expect(await outcome).toEqual({ runId: 3, proposal: null, error: 'no engineer' });
  });

  it('stops listening when the search cannot start', async () => {
    let listening = 0;
    const { actions } = consoleWith(p1, [], null, {
      onProposal: () => (listening++, () => listening--),
      onDispatchProgress: () => (listening++, () => listening--),
      autoDispatch: async () => {
        throw new Error('refused');
      },
    });
    await expect(
      actions.startAutoDispatch({ teams: [], budgetMs: 3_000, seed: 1, dayStart: at('00:00') }, () => {}),
    ).rejects.toThrow('refused');
    expect(listening).toBe(0);
  });
});

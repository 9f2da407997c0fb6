import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../i18n/format.js';
import { createConsoleStore } from '../store/index.js';
import { ConsoleActions } from './actions.js';
import type { ConsoleGateway } from './gateway.js';
import type { Conflict, StepBlocked, StepDone, StepStack } from './views.js';

const blocked: StepBlocked = {
  stack: 'undo',
  label: { key: 'assignOrder', values: { order: 'WO-000008', engineer: 'Liu Zihan' } },
  message: 'cannot undo "Assign WO-000008 to Liu Zihan": WO-000008 was changed since by Li Na',
  changes: [{ record: 'WO-000008', by: 'Li Na', mine: false, at: 1_000, what: 'pinned' }],
  canForce: true,
};

function open(answers: StepDone[], conflicts: () => Conflict[] = () => []) {
  const calls: string[] = [];
  const gateway = {
    conflicts: () => Promise.resolve(conflicts()),
    undo: () => (calls.push('undo'), Promise.resolve(answers.shift() ?? null)),
    redo: () => (calls.push('redo'), Promise.resolve(answers.shift() ?? null)),
    forceStep: (stack: StepStack) => (calls.push(`force ${stack}`), Promise.resolve(answers.shift() ?? null)),
    dropStep: (stack: StepStack) => (calls.push(`drop ${stack}`), Promise.resolve()),
  } as unknown as ConsoleGateway;
  const store = createConsoleStore();
  return { actions: new ConsoleActions(gateway, store), store, calls };
}

describe('undo that meets a later change, as the console handles it', () => {
  it('keeps the step on show until the dispatcher undoes anyway', async () => {
    const { actions, store, calls } = open([{ label: blocked.label, blocked }, { label: blocked.label }]);
    await actions.undo();
    expect(store.getState().blockedStep).toEqual(blocked);
    expect(store.getState().notice).toBeNull();
    await actions.settleBlockedStep('force');
    expect(calls).toEqual(['undo', 'force undo']);
    expect(store.getState().blockedStep).toBeNull();
    expect(store.getState().notice).toMatchObject({ kind: 'info', text: '↶ Assign WO-000008 to Liu Zihan' });
  });

  it('drops the step, or keeps it for later, on request', async () => {
    const { actions, store, calls } = open([
      { label: blocked.label, blocked },
      { label: blocked.label, blocked },
    ]);
    await actions.undo();
    await actions.settleBlockedStep('keep');
    expect(store.getState().blockedStep).toBeNull();
    await actions.undo();
    await actions.settleBlockedStep('drop');
    expect(calls).toEqual(['undo', 'undo', 'drop undo']);
    expect(store.getState().blockedStep).toBeNull();
  });

  it("names the step in the console's language, and what of a batch could not be taken", async () => {
    const { actions, store } = open([
      { label: { key: 'moveBooking', values: { order: 'WO-261207-E9MT', engineer: '吴海峰' } } },
      {
        label: { key: 'setOrderStatus', values: { order: 'WO-000023', status: 'on_hold' } },
        notTaken: {
          count: 1,
          of: 3,
          message: 'WO-000023 is already on site with its engineer; it can no longer be re-planned',
          say: [{ id: 'alreadyWorking', args: { order: 'WO-000023', status: 'on_site' } }],
        },
      },
    ]);
    store.getState().setLocale('zh-CN');
    await actions.undo();
    expect(store.getState().notice?.text).toBe('↶ 将 WO-261207-E9MT 改派给 吴海峰');
    await actions.redo();
    expect(store.getState().notice?.text).toMatch(/^↷ 将 WO-000023 设为暂停（3 项中有 1 项无法重做：[^a-z]+）$/);
  });

  it('names a move that keeps the engineer by its new time, with the day when the day changes', async () => {
    const at = (hhmm: string, day = '2026-12-07') => Date.parse(`${day}T${hhmm}:00+08:00`);
    const { actions, store } = open([
      { label: { key: 'moveBookingTime', values: { order: 'WO-000013', start: at('10:15'), from: at('09:00') } } },
      { label: { key: 'moveBookingTime', values: { order: 'WO-000013', start: at('10:15'), from: at('09:00') } } },
      {
        label: {
          key: 'moveBookingTime',
          values: { order: 'WO-000013', start: at('10:15', '2026-12-08'), from: at('09:00') },
        },
      },
    ]);
    store.setState({ timeZone: 'Asia/Shanghai' });
    store.getState().setLocale('zh-CN');
    await actions.undo();
    expect(store.getState().notice?.text).toBe('↶ 将 WO-000013 改到 10:15');
    store.getState().setLocale('en');
    await actions.redo();
    expect(store.getState().notice?.text).toBe('↷ Move WO-000013 to 10:15');
    await actions.undo();
    const nextDay = formatDateTime(at('10:15', '2026-12-08'), 'en', 'Asia/Shanghai');
    expect(nextDay).toMatch(/8.*10:15/);
    expect(store.getState().notice?.text).toBe(`↶ Move WO-000013 to ${nextDay}`);
  });
});

describe('an undo or redo that is refused', () => {
  const unassigned = { key: 'assignOrder' as const, values: { order: 'WO-000008', engineer: 'Liu Zihan' } };

  it('says there is nothing to undo or redo as a refusal, not as the last undo', async () => {
    const { actions, store } = open([{ label: unassigned, mutationId: 4 }, null, null]);
    await actions.undo();
    expect(store.getState().notice).toMatchObject({ kind: 'info', text: '↶ Assign WO-000008 to Liu Zihan' });
    await actions.undo();
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: 'Not done: nothing to undo' });
    store.getState().setLocale('zh-CN');
    await actions.redo();
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: '未完成：没有可重做的操作' });
  });

  it('takes away the last undo’s confirmation when the next one is held back by a later change', async () => {
    const { actions, store } = open([
      { label: unassigned, mutationId: 4 },
      { label: blocked.label, blocked },
    ]);
    await actions.undo();
    expect(store.getState().notice?.text).toMatch(/^↶ /);
    await actions.undo();
    expect(store.getState().blockedStep).toEqual(blocked);
    expect(store.getState().notice).toBeNull();
  });

  it('replaces the confirmation with the server’s refusal when the server refuses the undo', async () => {
    let listed: Conflict[] = [];
    const { actions, store } = open([{ label: unassigned, mutationId: 4 }], () => listed);
    await actions.undo();
    expect(store.getState().notice).toMatchObject({ kind: 'info', text: '↶ Assign WO-000008 to Liu Zihan' });
    listed = [
      {
        mutationId: 4,
        name: 'unassignOrder',
        label: { key: 'unassignOrder', values: { order: 'WO-000008' } },
        code: 'conflict',
        message: 'WO-000008 was changed by someone else',
        createdAt: 1_000,
        rejectedAt: 2_000,
        orderIds: ['o8'],
        bookings: [],
        now: [],
      },
    ];
    await actions.refreshConflicts();
    const notice = store.getState().notice;
    expect(notice?.kind).toBe('error');
    expect(notice?.text).toMatch(/^Refused by the server: .*WO-000008.* — WO-000008 was changed by someone else\./);
    expect(notice?.text).not.toContain('↶');
  });
});

// Re-applying refused changes from the conflicts panel, end to end: the booking each makes is judged by the engine's
// rules as a drop is, so one that now breaks a hard rule asks the override question first, and the booking re-applied
// after the dispatcher confirms carries the override into the trail, as a confirmed drop does. A card of several such
// changes asks for each in turn and goes on after each answer; those not confirmed are skipped, and said to be.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import {
  artifacts,
  bookHour,
  clearBookings,
  conflicts,
  findOrder,
  hourWithinDay,
  linkState,
  pending,
  Stack,
  type WatchedPage,
} from './stack.testing.js';

const H = 3_600_000;
const SNAP = 15 * 60_000;

let stack: Stack;
let a: WatchedPage;
let b: WatchedPage;
/** An hour-long job booked two hours ahead for an engineer on shift all day around now, free of every other rule. */
let job: WorkOrder;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  const now = Date.now();
  await stack.editServer((db) => {
    const row = db.prepare('SELECT id, data FROM engineers ORDER BY id').get() as { id: string; data: string };
    const e = JSON.parse(row.data) as Engineer;
    const shifts = [{ start: now - H, end: now + 36 * H, breaks: [] }];
    db.prepare('UPDATE engineers SET data = ? WHERE id = ?').run(
      JSON.stringify({ ...e, shifts, absences: [], maxJobs: null }),
      e.id,
    );
    const open = clearBookings(db, now).find((x) => x.status === 'new')!;
    job = bookHour(db, open, e.id, hourWithinDay(now + 2 * H), now);
  });
  a = await stack.open(await stack.startConsole('dispatcher-1'));
  b = await stack.open(await stack.startConsole('dispatcher-2'));
});

afterAll(async () => {
  await stack?.stop();
});

describe('re-applying a refused change', () => {
  it('asks the override question for each change that now breaks a rule, and carries the override once confirmed', async () => {
    const start = job.booking!.start;
    const dialog = b.page.getByTestId('override-dialog');

    // B, offline, moves the job 15 minutes later, twice: within every rule, so nothing is asked.
    await findOrder(b.page, job.code);
    await b.page.getByTestId('work-offline').click();
    await expect.poll(() => linkState(b.page)).toBe('paused');
    await b.page.getByTestId('board').focus();
    await b.page.keyboard.press('ArrowRight');
    await expect.poll(() => pending(b.page)).toBe(1);
    await b.page.keyboard.press('ArrowRight');
    await expect.poll(() => pending(b.page)).toBe(2);
    expect(await dialog.count()).toBe(0);

    // Meanwhile A pins the job where it is: B's moves are refused when B comes back, one card of two changes.
    await findOrder(a.page, job.code);
    await a.page.getByTestId('order-details').getByRole('button', { name: 'Pin', exact: true }).click();
    await expect.poll(() => stack.serverOrder(job.id)?.booking?.pinned ?? null).toBe(true);
    await b.page.getByTestId('work-offline').click();
    await expect.poll(() => conflicts(b.page)).toBe(2);
    await expect.poll(() => pending(b.page)).toBe(0);

    // Re-apply: moving a pinned booking breaks a rule now, so it asks first, for each move in turn; Esc to both
    // re-applies nothing, and says so.
    await b.page.getByTestId('conflicts-badge').click();
    const panel = b.page.getByTestId('conflicts-panel');
    const reapply = panel.getByTestId('conflict').first().getByRole('button', { name: 'Re-apply' });
    await reapply.click();
    await dialog.waitFor();
    expect(await dialog.locator('[data-rule="pinned"]').count()).toBe(1);
    expect(await dialog.textContent()).toContain(job.code);
    await b.page.screenshot({ path: join(artifacts, 'conflict-reapply-asks.png') });
    const first = await dialog.textContent();
    await b.page.keyboard.press('Escape');
    // The second move's question (its booking another time) follows the first's answer.
    await expect.poll(async () => ((await dialog.count()) > 0 ? await dialog.textContent() : first)).not.toBe(first);
    expect(await dialog.textContent()).toContain(job.code);
    await b.page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(() => b.page.getByTestId('notice').textContent())
      .toContain('Not re-applied, as you did not confirm them: ');
    expect(await panel.count()).toBe(1);
    expect(await conflicts(b.page)).toBe(2);
    expect(await pending(b.page)).toBe(0);
    expect(stack.serverOrder(job.id)?.booking).toMatchObject({ start, pinned: true });

    // Asked again and each confirmed with a reason: both moves go through, marked as overrides in the trail.
    await reapply.click();
    await dialog.waitFor();
    await b.page.keyboard.type('The customer asked for the later time');
    await b.page.keyboard.press('Enter');
    await expect.poll(() => stack.serverOrder(job.id)?.booking?.start ?? null).toBe(start + SNAP);
    await dialog.waitFor();
    await b.page.keyboard.type('The customer asked for the later time');
    await b.page.keyboard.press('Enter');
    await expect.poll(() => stack.serverOrder(job.id)?.booking?.start ?? null).toBe(start + 2 * SNAP);
    await expect.poll(() => conflicts(b.page)).toBe(0);
    expect(stack.serverOrder(job.id)?.booking).toMatchObject({ pinned: true, overridden: true });
    const moved = stack.serverEvents(job.id).filter((e) => e.kind === 'moved');
    expect(moved.at(-1)?.data.override).toMatchObject({
      broken: [expect.objectContaining({ rule: 'pinned' })],
      reason: 'The customer asked for the later time',
    });
    expect([...a.problems, ...b.problems]).toEqual([]);
  });
});

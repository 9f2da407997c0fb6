import { describe, expect, it } from 'vitest';
import { FairScheduler } from './fair-scheduler.js';

/** A scheduler whose later passes of the event loop run only when the test says. */
function manual(concurrency = 1) {
  const passes: Array<() => void> = [];
  const scheduler = new FairScheduler(concurrency, (fn) => passes.push(fn));
  /** Runs passes until nothing is left, letting each turn's promises settle between them. */
  const settle = async () => {
    for (let i = 0; i < 10_000; i++) {
      await new Promise<void>((r) => queueMicrotask(r));
      await Promise.resolve();
      const next = passes.shift();
      if (!next) {
        await new Promise((r) => setImmediate(r));
        if (passes.length === 0) return;
        continue;
      }
      next();
    }
  };
  return { scheduler, settle };
}

describe('FairScheduler', () => {
  it('serves users in turn however many requests one of them queued first', async () => {
    const { scheduler, settle } = manual();
    const order: string[] = [];
    const work = (who: string) => scheduler.run(who, async () => void order.push(who));
    const all = [...Array.from({ length: 6 }, () => work('flooder')), work('honest'), work('other')];
    await settle();
    await Promise.all(all);
    expect(order).toEqual(['flooder', 'honest', 'other', 'flooder', 'flooder', 'flooder', 'flooder', 'flooder']);
  });

  it('lets a long piece of work give up its turn between parts, others served between them', async () => {
    const { scheduler, settle } = manual();
    const order: string[] = [];
    const long = scheduler.run('big', async (pass) => {
      for (let part = 1; part <= 3; part++) {
        if (part > 1) await pass();
        order.push(`big ${part}`);
      }
    });
    const small = [
      scheduler.run('a', async () => void order.push('a')),
      scheduler.run('b', async () => void order.push('b')),
    ];
    await settle();
    await Promise.all([long, ...small]);
    expect(order).toEqual(['big 1', 'a', 'b', 'big 2', 'big 3']);
  });

  it('runs one turn at a time at concurrency 1, several at a higher one, and goes on after a failure', async () => {
    for (const concurrency of [1, 3]) {
      const { scheduler, settle } = manual(concurrency);
      let running = 0;
      let most = 0;
      const gates: Array<() => void> = [];
      const jobs = ['a', 'b', 'c', 'd'].map((who) =>
        scheduler.run(who, async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise<void>((r) => gates.push(r));
          running -= 1;
          if (who === 'a') throw new Error('refused');
        }),
      );
      const settled = Promise.allSettled(jobs);
      for (let i = 0; i < 4; i++) {
        await settle();
        gates.splice(0).forEach((open) => open());
      }
      await settle();
      const outcomes = await settled;
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect(most).toBe(concurrency);
      expect(scheduler.queued).toBe(0);
    }
  });

  it('lets turns follow one another within a slice of time, and lets the event loop run once it is spent', async () => {
    const passes: Array<() => void> = [];
    const clock = { now: 0 };
    const scheduler = new FairScheduler(
      1,
      (fn) => passes.push(fn),
      2,
      () => clock.now,
    );
    const order: string[] = [];
    const jobs = ['a', 'b', 'c'].map((who) =>
      scheduler.run(who, async () => {
        order.push(who);
        clock.now += 1.5;
      }),
    );
    await Promise.resolve();
    expect(passes).toHaveLength(1);
    passes.shift()!();
    // a ran on that pass; b within its slice without one; c only on the next pass.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(order).toEqual(['a', 'b']);
    expect(passes).toHaveLength(1);
    passes.shift()!();
    await Promise.all(jobs);
    expect(order).toEqual(['a', 'b', 'c']);
  });
});

/**
 * Turns at the store, taken in rounds over senders (users): each sender with work waiting gets one turn a round,
 * however many connections or requests it has queued, so one user's flood delays another console by a turn, not by
 * the whole flood. Every couple of milliseconds a turn starts on a later pass of the event loop than the one that
 * ended the last, so the server reads other sockets between turns. With an embedded SQLite store one turn runs at a time (the work is synchronous);
 * a pooled store lets several run.
 */
export class FairScheduler {
  /** Senders with work waiting, in the order their turn comes (a Map keeps insertion order). */
  private readonly waiting = new Map<string, Array<() => void>>();
  private running = 0;
  private due = false;

  /** When the scheduler last let the event loop run (read sockets) between turns. */
  private yieldedAt = -Infinity;

  constructor(
    private readonly concurrency: number,
    /** Runs a function on a later pass of the event loop; tests pass a queue they drain by hand. */
    private readonly later: (fn: () => void) => void = (fn) => void setImmediate(fn),
    /**
     * How long turns may follow one another without the event loop reading sockets between them: short enough that a
     * request just arrived waits little, long enough that a busy server does not spend itself on passes of the loop.
     */
    private readonly sliceMs = 2,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Turns waiting, over all senders. */
  get queued(): number {
    let n = 0;
    for (const w of this.waiting.values()) n += w.length;
    return n;
  }

  /**
   * Runs `work` in a turn of `sender`. A long piece of work calls `pass()` between its parts: it gives up the turn
   * and resumes in the sender's next one.
   */
  async run<T>(sender: string, work: (pass: () => Promise<void>) => Promise<T>): Promise<T> {
    await this.turn(sender);
    try {
      return await work(async () => {
        this.release();
        await this.turn(sender);
      });
    } finally {
      this.release();
    }
  }

  private turn(sender: string): Promise<void> {
    return new Promise((resolve) => {
      const w = this.waiting.get(sender);
      if (w) w.push(resolve);
      else this.waiting.set(sender, [resolve]);
      this.wake();
    });
  }

  private release(): void {
    this.running -= 1;
    this.wake();
  }

  private wake(): void {
    if (this.due || this.waiting.size === 0 || this.running >= this.concurrency) return;
    this.due = true;
    const go = () => {
      this.due = false;
      this.start();
    };
    if (this.clock() - this.yieldedAt < this.sliceMs) {
      queueMicrotask(go);
      return;
    }
    this.later(() => {
      this.yieldedAt = this.clock();
      go();
    });
  }

  private start(): void {
    while (this.running < this.concurrency) {
      const first = this.waiting.entries().next();
      if (first.done) return;
      const [sender, queue] = first.value;
      const begin = queue.shift()!;
      // The sender goes to the back of the round, or leaves it when it has nothing more waiting.
      this.waiting.delete(sender);
      if (queue.length > 0) this.waiting.set(sender, queue);
      this.running += 1;
      begin();
    }
  }
}

import type { EngineerPosition, PositionReport } from '../../../shared/sync/index.js';
import type { SyncStore } from '../store/types.js';

export interface PositionTrackerOptions {
  store: Pick<SyncStore, 'latestPositions' | 'savePositions'>;
  /** Sends one batch to every console: each engineer at most once per interval. */
  broadcast(batch: EngineerPosition[]): void;
  now?: () => number;
  intervalMs?: number;
  /** A breadcrumb is kept at most this often per engineer (the trail for replaying a day). */
  breadcrumbEveryMs?: number;
  log?: (message: string, err?: unknown) => void;
}

/** How far from the server's clock a report may be and still count: devices buffer a little when out of coverage. */
const MAX_AGE_MS = 15 * 60_000;
const MAX_AHEAD_MS = 60_000;

/**
 * The latest-wins position stream (DESIGN §4: not in the outbox, not in the change log): positions are kept in
 * memory, broadcast in one batch per interval and written to the store with their breadcrumbs in one transaction.
 */
export class PositionTracker {
  private readonly latest = new Map<string, EngineerPosition>();
  private readonly lastCrumb = new Map<string, number>();
  private dirty = new Map<string, EngineerPosition>();
  private crumbs: EngineerPosition[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly now: () => number;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly o: PositionTrackerOptions) {
    this.now = o.now ?? Date.now;
  }

  async load(): Promise<void> {
    for (const p of await this.o.store.latestPositions()) this.latest.set(p.engineerId, p);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.o.intervalMs ?? 1_000);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Takes one device report; returns why it was not used, or null when it was. */
  report(engineerId: string, p: PositionReport): string | null {
    const now = this.now();
    if (p.at < now - MAX_AGE_MS) return 'the position is more than 15 minutes old';
    if (p.at > now + MAX_AHEAD_MS) return "the position is from the future; check the device's clock";
    const previous = this.latest.get(engineerId);
    if (previous && previous.at >= p.at) return 'a newer position is already known';
    const position = { engineerId, ...p };
    this.latest.set(engineerId, position);
    this.dirty.set(engineerId, position);
    if (p.at - (this.lastCrumb.get(engineerId) ?? 0) >= (this.o.breadcrumbEveryMs ?? 10_000)) {
      this.lastCrumb.set(engineerId, p.at);
      this.crumbs.push(position);
    }
    return null;
  }

  snapshot(): EngineerPosition[] {
    return [...this.latest.values()];
  }

  /** Broadcasts and stores what arrived since the last flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.dirty.size === 0 && this.crumbs.length === 0) return;
      const batch = [...this.dirty.values()];
      const crumbs = this.crumbs;
      this.dirty = new Map();
      this.crumbs = [];
      if (batch.length > 0) this.o.broadcast(batch);
      try {
        await this.o.store.savePositions(batch, crumbs);
      } catch (err) {
        this.o.log?.('could not store positions', err);
      }
    });
    return this.flushing;
  }
}

import { PositionsBatch } from '../../../shared/sync/index.js';
import type { Credentials } from '../sim/credentials.js';
import { WorldFeed } from '../sim/feed.js';
import { SimLink } from '../sim/link.js';
import type { Settlement } from '../sim/outbox.js';
import { FieldWorld } from '../sim/world.js';
import { AUTOPILOT_USER, Autopilot, type AutopilotOptions } from './autopilot.js';

export interface LiveAutopilotOptions {
  url: string;
  credentials: Credentials;
  /** Real seconds between two looks at the centre; 0: only when `look()` is called. */
  everySec: number;
  /** The clock the autopilot decides and stamps its mutations by (default: the real one). */
  clock?: () => number;
  autopilot?: Partial<Omit<AutopilotOptions, 'timeZone'>>;
  log: (line: string) => void;
}

/**
 * The autopilot as a client of the sync server: signed in as its own user ("Autopilot", a dispatcher), it keeps a
 * view of the centre from the change log and the position stream, looks at it every few seconds on the real clock,
 * and sends what it decides as named mutations through an outbox (exactly once, in order, like any console).
 */
export class LiveAutopilot {
  readonly world = new FieldWorld();
  readonly link: SimLink;
  private readonly feed: WorldFeed;
  private autopilot: Autopilot | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private busy = false;
  readonly counts = { sent: 0, applied: 0, refused: 0, lost: 0 };

  constructor(private readonly o: LiveAutopilotOptions) {
    this.link = new SimLink({
      url: o.url,
      label: 'autopilot',
      clientId: 'autopilot',
      token: () => o.credentials.tokenFor({ ...AUTOPILOT_USER, role: 'dispatcher', engineerId: null }),
      renewableToken: o.credentials.renewable,
      log: o.log,
      ...(o.clock ? { now: o.clock } : {}),
    });
    this.feed = new WorldFeed(this.link, this.world, o.log);
    this.link.socket.on('positions', (raw) => {
      const batch = PositionsBatch.safeParse(raw);
      if (!batch.success) return;
      for (const { engineerId, ...p } of batch.data.positions) this.world.positions.set(engineerId, p);
    });
  }

  /** Connects, loads the centre, and starts looking at it every `everySec` seconds. */
  async start(): Promise<void> {
    const session = await this.link.ready();
    await this.feed.sync();
    const timeZone = session.timeZone ?? 'UTC';
    this.autopilot = new Autopilot(this.world, (name, args, settled) => this.send(name, args, settled), {
      timeZone,
      ...this.o.autopilot,
      log: this.o.log,
    });
    this.o.log(
      `autopilot: signed in as ${session.name}; ${this.world.engineers.size} engineers, ` +
        `${this.autopilot.teams().length} teams on the autopilot`,
    );
    if (this.o.everySec > 0) {
      this.timer = setInterval(() => this.look(), this.o.everySec * 1000);
      this.look();
    }
  }

  /** One look at the centre: what the view shows now, decided on now. Skipped while the last one still runs. */
  look(): void {
    if (!this.autopilot || this.busy || !this.link.connected) return;
    this.busy = true;
    try {
      this.autopilot.tick((this.o.clock ?? Date.now)());
    } catch (err) {
      this.o.log(`autopilot: could not decide: ${(err as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  /** Resolves once every mutation sent has been settled and the view holds what the server has now. */
  async settled(): Promise<void> {
    while (this.link.outbox.size > 0) await new Promise((r) => setTimeout(r, 20));
    await this.feed.requestPull();
  }

  get decisions(): Record<string, number> {
    return { ...(this.autopilot?.counts ?? {}) };
  }

  private send(name: string, args: unknown, settled?: (applied: boolean, reason: string) => void): void {
    this.counts.sent += 1;
    this.link.outbox.add(name, args, (s: Settlement) => {
      const applied = s.status === 'applied' || s.status === 'duplicate';
      if (applied) this.counts.applied += 1;
      else if (s.status === 'rejected') this.counts.refused += 1;
      else this.counts.lost += 1;
      // The view catches up with what the server now has before the next look.
      void this.feed.requestPull();
      settled?.(applied, 'message' in s ? s.message : '');
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && this.link.connected && this.link.outbox.size > 0)
      await new Promise((r) => setTimeout(r, 50));
    this.link.close();
  }
}

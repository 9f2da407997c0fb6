import { PullResult } from '../../../shared/sync/index.js';
import type { SimLink } from './link.js';
import type { FieldWorld } from './world.js';

/**
 * Keeps the field's view of the server current over one dispatcher connection: it watches every team, and on each
 * poke pulls the change log since its cursor (page by page; a reset rebuilds the view). Pokes that arrive while a
 * pull is running are folded into one more pull, so a busy server costs one pull at a time.
 */
export class WorldFeed {
  private cursor: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  pulls = 0;
  changes = 0;
  /** Called after each completed pull, with the number of changes it brought. */
  onPulled: ((changes: number) => void) | null = null;

  constructor(
    private readonly link: SimLink,
    private readonly world: FieldWorld,
    private readonly log: (message: string) => void,
  ) {
    link.socket.on('poke', () => this.requestPull());
    link.socket.on('session', () => {
      void this.watchAll().then(() => this.requestPull());
    });
  }

  private async watchAll(): Promise<void> {
    try {
      const reply = await this.link.request('watch', { teams: 'all' });
      if (!reply.ok) this.log(`feed: could not watch all teams (${reply.error.code}): ${reply.error.message}`);
    } catch (err) {
      this.log(`feed: watch got no answer: ${(err as Error).message}`);
    }
  }

  /** Pulls soon; resolves when the view has caught up with everything the server had when the pull started. */
  requestPull(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pullAll();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Resolves once the view holds the whole server state as of now (first sync). */
  async sync(): Promise<void> {
    await this.requestPull();
  }

  private async pullAll(): Promise<void> {
    let brought = 0;
    for (;;) {
      if (!this.link.connected) return;
      let raw;
      try {
        raw = await this.link.request<unknown>('pull', { cursor: this.cursor, resultsAfter: 0 });
      } catch (err) {
        this.log(`feed: pull got no answer: ${(err as Error).message}`);
        return;
      }
      if (!raw.ok) {
        this.log(`feed: pull refused (${raw.error.code}): ${raw.error.message}`);
        return;
      }
      const page = PullResult.safeParse(raw.value);
      if (!page.success) {
        this.log('feed: the server sent a pull page this simulator does not understand; skipping it');
        return;
      }
      this.world.apply(page.data.kind, page.data.changes);
      this.cursor = page.data.cursor;
      this.pulls += 1;
      brought += page.data.changes.length;
      if (!page.data.more) break;
    }
    this.changes += brought;
    this.onPulled?.(brought);
  }
}

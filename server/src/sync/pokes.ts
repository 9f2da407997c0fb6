import type { Server } from 'socket.io';
import type { PushOutcome } from '../store/types.js';

/** Socket.IO rooms: every console, consoles watching all teams, one per team, one per engineer's device. */
export const ROOMS = {
  consoles: 'consoles',
  allTeams: 'teams:all',
  team: (id: string) => `team:${id}`,
  engineer: (id: string) => `engineer:${id}`,
} as const;

/**
 * Sends each affected room one small `{ seq }`: consoles watching the affected teams (or every console when the open
 * queue changed) and the devices of the engineers whose work changed. A throttle with a leading edge: when the server
 * is quiet a poke leaves at once; under load pokes are merged so each console gets at most one per interval.
 */
export class Poker {
  private teams = new Set<string>();
  private engineers = new Set<string>();
  private everyone = false;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = 0;

  constructor(
    private readonly io: Server,
    private readonly intervalMs = 20,
  ) {}

  add(outcome: Pick<PushOutcome, 'teams' | 'engineers' | 'queueChanged' | 'seq'>): void {
    if (outcome.seq === 0) return;
    for (const t of outcome.teams) this.teams.add(t);
    for (const e of outcome.engineers) this.engineers.add(e);
    this.everyone ||= outcome.queueChanged;
    this.seq = Math.max(this.seq, outcome.seq);
    // Wait at least a tick so one push's writes go out as one poke; otherwise honour the interval since the last.
    const wait = Math.max(1, this.lastFlush + this.intervalMs - Date.now());
    this.timer ??= setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastFlush = Date.now();
    const rooms = this.everyone ? [ROOMS.consoles] : [ROOMS.allTeams, ...[...this.teams].map(ROOMS.team)];
    rooms.push(...[...this.engineers].map(ROOMS.engineer));
    if (rooms.length > 0) this.io.to(rooms).emit('poke', { seq: this.seq });
    this.teams = new Set();
    this.engineers = new Set();
    this.everyone = false;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

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
 * Coalesces pokes over a few milliseconds and sends each room one small `{ seq }`: consoles watching the affected
 * teams (or every console when the open queue changed) and the devices of the engineers whose work changed.
 */
export class Poker {
  private teams = new Set<string>();
  private engineers = new Set<string>();
  private everyone = false;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly io: Server,
    private readonly delayMs = 5,
  ) {}

  add(outcome: Pick<PushOutcome, 'teams' | 'engineers' | 'queueChanged' | 'seq'>): void {
    if (outcome.seq === 0) return;
    for (const t of outcome.teams) this.teams.add(t);
    for (const e of outcome.engineers) this.engineers.add(e);
    this.everyone ||= outcome.queueChanged;
    this.seq = Math.max(this.seq, outcome.seq);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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

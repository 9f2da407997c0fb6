// The replay's clock: plays a period at a chosen speed, one step per animation frame, and stops at the end.
import type { Period } from './timeline.js';

/** Replay speeds: replayed milliseconds per real millisecond. */
export const SPEEDS = [1, 10, 60, 300] as const;
export type Speed = (typeof SPEEDS)[number];

export interface PlayerHooks {
  /** Draws the replay at instant `t` (the map), lazily while it plays. */
  draw(t: number, playing: boolean): void;
  /** Tells the controls the instant and whether it still plays. */
  frame(t: number, playing: boolean): void;
  /** Main-thread milliseconds of each played frame (the benchmark listens). */
  probe?(ms: number): void;
}

export class ReplayPlayer {
  private t: number;
  private raf = 0;
  private last = 0;
  speed: Speed = 60;
  readonly start: number;

  /**
   * `start` is where the playhead stands at first and where playing begins again once it has reached the end (the
   * first fix, not the empty hours before it), within the period.
   */
  constructor(
    readonly period: Period,
    start: number,
    private readonly hooks: PlayerHooks,
  ) {
    this.start = Math.min(period.to, Math.max(period.from, start));
    this.t = this.start;
  }

  get time(): number {
    return this.t;
  }

  get playing(): boolean {
    return this.raf !== 0;
  }

  play(): void {
    if (this.raf) return;
    if (this.t >= this.period.to) this.t = this.start;
    this.last = performance.now();
    this.raf = requestAnimationFrame(this.tick);
    this.hooks.frame(this.t, true);
  }

  pause(): void {
    if (!this.raf) return;
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.hooks.draw(this.t, false);
    this.hooks.frame(this.t, false);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Jumps to an instant (clamped to the period), playing on if it was playing. */
  seek(t: number): void {
    this.t = Math.min(this.period.to, Math.max(this.period.from, t));
    this.last = performance.now();
    this.hooks.draw(this.t, false);
    this.hooks.frame(this.t, this.playing);
  }

  dispose(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  private readonly tick = (now: number): void => {
    const started = performance.now();
    this.t = Math.min(this.period.to, this.t + Math.max(0, now - this.last) * this.speed);
    this.last = now;
    const done = this.t >= this.period.to;
    this.raf = done ? 0 : requestAnimationFrame(this.tick);
    this.hooks.draw(this.t, !done);
    this.hooks.frame(this.t, !done);
    this.hooks.probe?.(performance.now() - started);
  };
}

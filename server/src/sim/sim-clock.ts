/**
 * The simulator's clock: simulated time starts at `start` and runs `speed` simulated minutes per real minute. Only the
 * story runs fast (drives, work, arrivals of calls); every timestamp sent to the server is the real clock's, which is
 * the one the server, the SLA clocks and the consoles keep.
 */
export class SimClock {
  private readonly realStart: number;

  constructor(
    readonly start: number,
    readonly speed: number,
    private readonly real: () => number = Date.now,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`speed must be a positive number, got ${speed}`);
    this.realStart = real();
  }

  /** Simulated now, epoch ms. */
  now(): number {
    return this.start + (this.real() - this.realStart) * this.speed;
  }

  /** Real now, epoch ms: what positions and mutations are stamped with. */
  realNow(): number {
    return this.real();
  }
}

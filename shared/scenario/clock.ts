import { addDays, epochAtLocal } from '../time/zoned.js';

const MINUTE = 60_000;

/** Local wall-clock times around the simulated day, computed once per calendar day. */
export class DayClock {
  private readonly midnights = new Map<number, { start: number; sameOffsetAllDay: boolean }>();

  constructor(
    readonly date: string,
    readonly timeZone: string,
  ) {}

  /** The instant of `minuteOfDay` local time, `dayOffset` days from the simulated day. */
  at(dayOffset: number, minuteOfDay: number): number {
    let day = this.midnights.get(dayOffset);
    if (!day) {
      const date = addDays(this.date, dayOffset);
      const start = epochAtLocal(date, 0, this.timeZone);
      const next = epochAtLocal(addDays(date, 1), 0, this.timeZone);
      day = { start, sameOffsetAllDay: next - start === 24 * 60 * MINUTE };
      this.midnights.set(dayOffset, day);
    }
    return day.sameOffsetAllDay
      ? day.start + minuteOfDay * MINUTE
      : epochAtLocal(addDays(this.date, dayOffset), minuteOfDay, this.timeZone);
  }

  /** Local midnight of the simulated day. */
  get dayStart(): number {
    return this.at(0, 0);
  }
}

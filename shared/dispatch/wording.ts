import type { WorkOrder } from '../domain/index.js';
import { localParts, utcOffsetMin } from '../time/zoned.js';

const MINUTE = 60_000;

/** How `clockAt` names the weekday of a time on another day, Sunday first (the console words them in its language). */
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Turns engine minutes and ids into the words a dispatcher reads: local clock times, skill and part names. */
export class Wording {
  private readonly fixedOffsetMin: number | null;

  constructor(
    readonly timeZone: string,
    /** The instant engine minutes count from (the planning day's start). */
    readonly epoch: number,
    dayEnd: number,
    private readonly skillNames: ReadonlyMap<string, string> = new Map(),
    private readonly partNames: ReadonlyMap<string, string> = new Map(),
  ) {
    // One offset serves the whole day unless a daylight-saving change falls inside it.
    const a = utcOffsetMin(epoch, timeZone);
    const b = utcOffsetMin(dayEnd, timeZone);
    this.fixedOffsetMin = a === b ? a : null;
  }

  /** A local wall-clock time "HH:MM" for engine minutes. */
  clock(min: number): string {
    return this.clockAt(this.epoch + Math.round(min * MINUTE));
  }

  /** A local wall-clock time "HH:MM" for an instant; another day gets its weekday ("Tue 08:00"). */
  clockAt(ms: number): string {
    const offset = this.fixedOffsetMin ?? utcOffsetMin(ms, this.timeZone);
    const dayOffset = Math.floor(
      (ms + offset * MINUTE - (this.epoch + this.offsetAt(this.epoch) * MINUTE)) / 86_400_000,
    );
    const local = Math.floor((ms + offset * MINUTE) / MINUTE);
    const minuteOfDay = ((local % 1440) + 1440) % 1440;
    const hhmm = `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
    if (dayOffset === 0) return hhmm;
    const weekday = WEEKDAYS[localParts(ms, this.timeZone).weekday] ?? '';
    return `${weekday} ${hhmm}`;
  }

  /** "45 min", "2 h", "1 h 30 min". */
  duration(min: number): string {
    const m = Math.round(min);
    if (m < 60) return `${m} min`;
    const h = Math.floor(m / 60);
    return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  }

  /** A skill's name ("HVAC"), or its id when unknown. */
  skill(id: string): string {
    return this.skillNames.get(id) ?? id;
  }

  /** A part's name, or its id when unknown. */
  part(id: string): string {
    return this.partNames.get(id) ?? id;
  }

  /** How an order is named in explanations: priority and code ("P4 WO-000231"). */
  order(o: Pick<WorkOrder, 'priority' | 'code'>): string {
    return `${o.priority} ${o.code}`;
  }

  private offsetAt(ms: number): number {
    return this.fixedOffsetMin ?? utcOffsetMin(ms, this.timeZone);
  }
}

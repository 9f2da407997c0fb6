import { emptyTeamDay } from '../../../../shared/dispatch/index.js';
import type { TeamDayCapacity } from '../../services/index.js';

/** How full a team-day is, for the heat map: no shifts, then from plenty of room to into the emergency buffer. */
export type CapacityLevel = 'none' | 'low' | 'mid' | 'high' | 'buffer' | 'over';

/** One cell of the heat map: a team's day in hours (one decimal), and how full it is. */
export interface CapacityCell {
  team: string;
  dayStart: number;
  availableH: number;
  workH: number;
  travelH: number;
  bookedH: number;
  remainingH: number;
  bufferH: number;
  /** Booked (work and travel) over available, in percent; 0 without working time. */
  fullPct: number;
  level: CapacityLevel;
}

/** The heat map's rows: one per team (sorted), each with a cell per day of `dayStarts`. */
export interface CapacityGrid {
  dayStarts: number[];
  rows: { team: string; cells: CapacityCell[] }[];
}

const hours = (min: number) => Math.round(min / 6) / 10;

function levelOf(c: TeamDayCapacity): CapacityLevel {
  if (c.availableMin <= 0) return 'none';
  if (c.remainingMin < 0) return 'over';
  if (c.remainingMin < c.bufferMin) return 'buffer';
  const full = (c.workMin + c.travelMin) / c.availableMin;
  return full < 0.4 ? 'low' : full < 0.7 ? 'mid' : 'high';
}

/** Lays core's team-days out as teams × days; a day a team has no entry for shows as no shifts. */
export function capacityGrid(days: readonly TeamDayCapacity[]): CapacityGrid {
  const dayStarts = [...new Set(days.map((d) => d.dayStart))].sort((a, b) => a - b);
  const byTeam = new Map<string, Map<number, TeamDayCapacity>>();
  for (const d of days) {
    let m = byTeam.get(d.team);
    if (!m) byTeam.set(d.team, (m = new Map()));
    m.set(d.dayStart, d);
  }
  const rows = [...byTeam.keys()].sort().map((team) => ({
    team,
    cells: dayStarts.map((dayStart): CapacityCell => {
      const c = byTeam.get(team)?.get(dayStart) ?? emptyTeamDay(team, dayStart);
      const booked = c.workMin + c.travelMin;
      return {
        team,
        dayStart,
        availableH: hours(c.availableMin),
        workH: hours(c.workMin),
        travelH: hours(c.travelMin),
        bookedH: hours(booked),
        remainingH: hours(c.remainingMin),
        bufferH: hours(c.bufferMin),
        fullPct: c.availableMin > 0 ? Math.round((100 * booked) / c.availableMin) : 0,
        level: levelOf(c),
      };
    }),
  }));
  return { dayStarts, rows };
}

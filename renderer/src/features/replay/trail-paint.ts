// The played part of a replayed trail, drawn on a canvas of its own over the map: the page projects the fixes played so
// far to the screen (playedLine, pure and tested), a worker draws them in the colours of the statuses (paintTrail),
// so moving the played colour along never makes the map draw itself again.
import { z } from 'zod';
import { startFrame, type Context2D } from '../../ui/canvas-worker.js';
import { STATE_COLOURS } from '../../ui/palette.js';
import { REPLAY_STATUSES, type Place, type ReplayStatus, type Track } from './timeline.js';

/** How each status is drawn on the trail and along the scrubber; travelling and on site as the engineer's state. */
export const REPLAY_COLOURS: Record<ReplayStatus, string> = {
  travelling: STATE_COLOURS.en_route!,
  stopped: '#475569',
  on_site: STATE_COLOURS.on_site!,
  break: '#a855f7',
  off_shift: '#94a3b8',
  no_signal: '#cbd5e1',
};

/** Points closer than this (CSS pixels) to the last one kept, in the same status, add nothing to the line. */
const MIN_STEP_PX = 0.5;

export const trailFrame = z.object({
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
  ratio: z.number().positive(),
  /** Points of the played line in use (the arrays may be longer). */
  count: z.number().int().nonnegative(),
  /** x, y pairs in CSS pixels. */
  xy: z.instanceof(Float32Array),
  /** The status (index in REPLAY_STATUSES) of the stretch from each point to the next. */
  status: z.instanceof(Uint8Array),
});
export type TrailFrame = z.infer<typeof trailFrame>;

/** Each fix's status as an index in REPLAY_STATUSES, for `statusAt` the status at an instant. */
export function fixStatuses(track: Track, statusAt: (t: number) => ReplayStatus): Uint8Array {
  const out = new Uint8Array(track.length);
  for (let i = 0; i < track.length; i++) out[i] = REPLAY_STATUSES.indexOf(statusAt(track.at[i]!));
  return out;
}

/**
 * The played line on screen: every fix up to the engineer's last one, then where the engineer is now, projected by
 * `project`; points that would not move the line by half a pixel are left out.
 */
export function playedLine(
  track: Track,
  statuses: Uint8Array,
  here: Place | null,
  project: (lon: number, lat: number) => [number, number],
): Pick<TrailFrame, 'count' | 'xy' | 'status'> {
  const last = here ? Math.min(here.index, track.length - 1) : -1;
  const xy = new Float32Array(2 * (last + 2));
  const status = new Uint8Array(last + 2);
  let count = 0;
  const put = (x: number, y: number, s: number, force: boolean) => {
    if (count > 0 && !force) {
      const dx = x - xy[2 * count - 2]!;
      const dy = y - xy[2 * count - 1]!;
      if (status[count - 1] === s && Math.abs(dx) < MIN_STEP_PX && Math.abs(dy) < MIN_STEP_PX) return;
    }
    xy[2 * count] = x;
    xy[2 * count + 1] = y;
    status[count] = s;
    count++;
  };
  for (let i = 0; i <= last; i++) {
    const [x, y] = project(track.lon[i]!, track.lat[i]!);
    put(x, y, statuses[i]!, i === 0);
  }
  if (here && last >= 0) {
    const [x, y] = project(here.lon, here.lat);
    put(x, y, statuses[last]!, true);
  }
  return { count: count < 2 ? 0 : count, xy, status };
}

/** Draws the played line, one stroke per run of a status. */
export function paintTrail(canvas: { width: number; height: number }, ctx: Context2D, f: TrailFrame): void {
  startFrame(canvas, ctx, f);
  ctx.lineWidth = 4;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.globalAlpha = 0.95;
  let i = 0;
  while (i < f.count - 1) {
    const s = f.status[i]!;
    ctx.beginPath();
    ctx.moveTo(f.xy[2 * i]!, f.xy[2 * i + 1]!);
    let j = i;
    while (j < f.count - 1 && (j === i || f.status[j] === s)) {
      j++;
      ctx.lineTo(f.xy[2 * j]!, f.xy[2 * j + 1]!);
    }
    ctx.strokeStyle = REPLAY_COLOURS[REPLAY_STATUSES[s] ?? 'no_signal'];
    ctx.stroke();
    i = j;
  }
  ctx.globalAlpha = 1;
}

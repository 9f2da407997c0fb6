// Drawing the engineers from one frame of screen positions: canvas calls only, run in the engineers' worker on the
// canvas it was handed (or on the page, where no worker can draw). The frame is made on the page from the map's view.
import { z } from 'zod';
import { startFrame, type Context2D } from '../../ui/canvas-worker.js';
import { arrowOutline, ENGINEER_COLOURS, ENGINEER_OUTLINE, SELECTED_ENGINEER, type EngineerLook } from './symbols.js';

/** The looks in a fixed order: a frame names each engineer's look by its index here. */
export const LOOKS = Object.keys(ENGINEER_COLOURS) as EngineerLook[];

/** What the painter receives: the engineers on screen, already projected to CSS pixels. */
export const engineerFrame = z.object({
  /** CSS pixels of the map, and device pixels per CSS pixel. */
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
  ratio: z.number().positive(),
  /** Arrows turned to the heading (zoomed in), else dots of `radius`. */
  arrows: z.boolean(),
  radius: z.number().positive(),
  /** How many engineers the arrays hold (they may be longer). */
  count: z.number().int().nonnegative(),
  /** x, y pairs. */
  xy: z.instanceof(Float32Array),
  heading: z.instanceof(Float32Array),
  /** Index into LOOKS. */
  look: z.instanceof(Uint8Array),
  /** Where the selected engineer is, if on screen. */
  selected: z.object({ x: z.number(), y: z.number() }).nullable(),
});
export type EngineerFrame = z.infer<typeof engineerFrame>;

/** Draws a frame on a canvas (sized to it first): one path per look, so the whole fleet is a handful of fills. */
export function paintEngineers(canvas: { width: number; height: number }, ctx: Context2D, f: EngineerFrame): void {
  startFrame(canvas, ctx, f);
  const paths = LOOKS.map(() => new Path2D());
  for (let i = 0; i < f.count; i++) {
    const x = f.xy[2 * i]!;
    const y = f.xy[2 * i + 1]!;
    const path = paths[f.look[i]!] ?? paths[0]!;
    if (f.arrows) {
      const c = arrowOutline(x, y, f.heading[i]!);
      path.moveTo(c[0]!, c[1]!);
      for (let k = 2; k < c.length; k += 2) path.lineTo(c[k]!, c[k + 1]!);
      path.closePath();
    } else {
      path.moveTo(x + f.radius, y);
      path.arc(x, y, f.radius, 0, 2 * Math.PI);
    }
  }
  if (f.selected) {
    ctx.beginPath();
    ctx.arc(f.selected.x, f.selected.y, SELECTED_ENGINEER.radius, 0, 2 * Math.PI);
    ctx.fillStyle = SELECTED_ENGINEER.fill;
    ctx.fill();
    ctx.strokeStyle = SELECTED_ENGINEER.stroke;
    ctx.lineWidth = 1;
    ctx.stroke();
  }
  ctx.strokeStyle = ENGINEER_OUTLINE;
  ctx.lineWidth = 1;
  ctx.lineJoin = 'round';
  LOOKS.forEach((look, k) => {
    ctx.globalAlpha = look === 'quiet' ? 0.55 : 1;
    ctx.fillStyle = ENGINEER_COLOURS[look];
    ctx.fill(paths[k]!);
    ctx.stroke(paths[k]!);
  });
  ctx.globalAlpha = 1;
}

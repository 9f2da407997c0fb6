// The replay's played line, drawn off the page's main thread (see map/canvas-worker.ts).
import { z } from 'zod';
import { serveCanvas } from '../../ui/canvas-worker.js';
import { paintTrail, trailFrame } from './trail-paint.js';

const message = z.union([
  z.object({ kind: z.literal('canvas'), canvas: z.instanceof(OffscreenCanvas) }),
  z.object({ kind: z.literal('frame'), frame: trailFrame }),
]);

serveCanvas((data) => {
  const parsed = message.safeParse(data);
  return parsed.success ? parsed.data : `not a trail frame: ${parsed.error.message}`;
}, paintTrail);

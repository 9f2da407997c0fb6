// The engineers' painter off the page's main thread (see canvas-worker.ts): it is handed the canvas over the map once,
// then draws each frame of projected positions it is sent.
import { z } from 'zod';
import { serveCanvas } from '../../ui/canvas-worker.js';
import { engineerFrame, paintEngineers } from './engineer-paint.js';

const message = z.union([
  z.object({ kind: z.literal('canvas'), canvas: z.instanceof(OffscreenCanvas) }),
  z.object({ kind: z.literal('frame'), frame: engineerFrame }),
]);

serveCanvas((data) => {
  const parsed = message.safeParse(data);
  return parsed.success ? parsed.data : `not an engineers' frame: ${parsed.error.message}`;
}, paintEngineers);

// The engineers' painter off the page's main thread: it is handed the canvas over the map once, then draws each frame
// of projected positions it is sent and says when it is done (the page sends the newest frame only then). The
// canvas goes to the screen from here, so a batch of positions costs the page no drawing and no commit of a bitmap.
import { z } from 'zod';
import { engineerFrame, paintEngineers } from './engineer-paint.js';

const message = z.union([
  z.object({ kind: z.literal('canvas'), canvas: z.instanceof(OffscreenCanvas) }),
  z.object({ kind: z.literal('frame'), frame: engineerFrame }),
]);

interface Scope {
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  postMessage(message: unknown): void;
}
const scope = self as unknown as Scope;
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;

scope.addEventListener('message', (e) => {
  const parsed = message.safeParse(e.data);
  if (!parsed.success) {
    scope.postMessage({ kind: 'error', message: `not a painter message: ${parsed.error.message}` });
    return;
  }
  const m = parsed.data;
  if (m.kind === 'canvas') {
    canvas = m.canvas;
    ctx = canvas.getContext('2d');
    return;
  }
  if (canvas && ctx) paintEngineers(canvas, ctx, m.frame);
  scope.postMessage({ kind: 'drawn' });
});

// A canvas over the map drawn by a worker: the canvas is handed to the worker once (OffscreenCanvas), then frames are
// posted to it, one at a time: while the worker draws, only the newest frame waits. The worker puts its canvas on the
// screen itself, so the page spends nothing on drawing it or on handing a new bitmap to the screen.

/** What a worker drawing a canvas answers: each frame drawn, or a message it could not read. */
export type PainterReply = { kind: 'drawn' } | { kind: 'error'; message: string };

export class CanvasWorker<Frame> {
  private readonly worker: Worker;
  private busy = false;
  private next: Frame | null = null;

  /**
   * `start` makes the worker (written out at the call site, so the bundler finds its module); `transfer` lists the
   * buffers a frame gives away; `failed` is told when the worker cannot draw.
   */
  constructor(
    canvas: HTMLCanvasElement,
    start: () => Worker,
    private readonly transfer: (frame: Frame) => Transferable[],
    failed: (why: string) => void,
  ) {
    const offscreen = canvas.transferControlToOffscreen();
    this.worker = start();
    this.worker.addEventListener('message', (e: MessageEvent<PainterReply>) => {
      if (e.data.kind === 'error') failed(e.data.message);
      this.busy = false;
      const next = this.next;
      this.next = null;
      if (next) this.send(next);
    });
    this.worker.addEventListener('error', (e) => failed(e.message || 'the worker stopped'));
    this.worker.postMessage({ kind: 'canvas', canvas: offscreen }, [offscreen]);
  }

  /** Whether the page can hand a canvas to a worker. */
  static supported(canvas: HTMLCanvasElement): boolean {
    return typeof Worker !== 'undefined' && 'transferControlToOffscreen' in canvas;
  }

  paint(frame: Frame): void {
    if (this.busy) this.next = frame;
    else this.send(frame);
  }

  private send(frame: Frame): void {
    this.busy = true;
    this.worker.postMessage({ kind: 'frame', frame }, this.transfer(frame));
  }

  remove(): void {
    this.worker.terminate();
  }
}

/** The worker's side: takes the canvas, then draws each frame `read` accepts with `draw`, answering every message. */
export function serveCanvas<Frame>(
  read: (data: unknown) => { kind: 'canvas'; canvas: OffscreenCanvas } | { kind: 'frame'; frame: Frame } | string,
  draw: (canvas: OffscreenCanvas, ctx: OffscreenCanvasRenderingContext2D, frame: Frame) => void,
): void {
  const scope = self as unknown as {
    addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
    postMessage(message: PainterReply): void;
  };
  let canvas: OffscreenCanvas | null = null;
  let ctx: OffscreenCanvasRenderingContext2D | null = null;
  scope.addEventListener('message', (e) => {
    const m = read(e.data);
    if (typeof m === 'string') {
      scope.postMessage({ kind: 'error', message: m });
      return;
    }
    if (m.kind === 'canvas') {
      canvas = m.canvas;
      ctx = canvas.getContext('2d');
      return;
    }
    if (canvas && ctx) draw(canvas, ctx, m.frame);
    scope.postMessage({ kind: 'drawn' });
  });
}

/** A 2D context a painter draws on: the page's own canvas, or a worker's OffscreenCanvas. */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Sizes a canvas to a frame of CSS pixels at its device pixel ratio and clears it, drawing in CSS pixels. */
export function startFrame(
  canvas: { width: number; height: number },
  ctx: Context2D,
  f: { width: number; height: number; ratio: number },
): void {
  const width = Math.round(f.width * f.ratio);
  const height = Math.round(f.height * f.ratio);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  ctx.setTransform(f.ratio, 0, 0, f.ratio, 0, 0);
  ctx.clearRect(0, 0, f.width, f.height);
}

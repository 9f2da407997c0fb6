// The engineers, drawn on a canvas of their own laid over the map's. Positions arrive every second for the whole fleet;
// drawn as a map layer, each batch would go to the map's worker to be cut into tiles and come back to be drawn with
// everything else, a full repaint of the map each time. Here a batch costs one pass over the fleet on the page
// (projecting each engineer to the screen) and the drawing is done by a worker holding the canvas
// (engineer-worker.ts, canvas-worker.ts), so neither the drawing nor the handing of a new bitmap to the screen holds up the page. The map
// itself is left alone unless it moves (then the engineers are projected again for the frame it draws).
import type { Map as MapLibre } from 'maplibre-gl';
import { CanvasWorker } from '../../ui/canvas-worker.js';
import { LOOKS, paintEngineers, type EngineerFrame } from './engineer-paint.js';
import type { EngineerProps, PointFeature } from './features.js';
import { ARROW_ZOOM, engineerLook, engineerRadius, flatProjection, HIT_RADIUS_PX, nearestPoint } from './symbols.js';

const LOOK_INDEX = new Map(LOOKS.map((look, i) => [look, i]));

/** Draws frames: in a worker when the browser can hand it the canvas, else on the page. */
interface Painter {
  paint(frame: EngineerFrame): void;
  remove(): void;
}

class PagePainter implements Painter {
  private readonly ctx: CanvasRenderingContext2D;
  constructor(private readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d')!;
  }
  paint(frame: EngineerFrame): void {
    paintEngineers(this.canvas, this.ctx, frame);
  }
  remove(): void {}
}

export class EngineerCanvas {
  private canvas: HTMLCanvasElement;
  private painter: Painter;
  /** Screen positions (CSS pixels) of the features last drawn, x, y pairs in the order of `drawn`. */
  private xy = new Float32Array(0);
  private drawn: ReadonlyArray<PointFeature<EngineerProps>> = [];
  private removed = false;

  constructor(
    private readonly map: MapLibre,
    private readonly features: () => ReadonlyArray<PointFeature<EngineerProps>>,
  ) {
    this.canvas = this.makeCanvas();
    this.painter = this.makePainter();
    // Every frame the map draws (panning, zooming, resizing) moves the engineers with it.
    map.on('render', this.draw);
  }

  /** Whether a worker draws the engineers (else the page does). */
  get inWorker(): boolean {
    return this.painter instanceof CanvasWorker;
  }

  /** The engineer under a point of the map (CSS pixels from its top left), if any. */
  engineerAt(x: number, y: number): string | null {
    const i = nearestPoint(this.xy, this.drawn.length, x, y, HIT_RADIUS_PX);
    return i < 0 ? null : this.drawn[i]!.properties.id;
  }

  readonly draw = () => {
    const { canvas, map } = this;
    const width = map.getCanvas().clientWidth;
    const height = map.getCanvas().clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.style.width !== `${width}px` || canvas.style.height !== `${height}px`) {
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const features = this.features();
    if (this.xy.length < features.length * 2) this.xy = new Float32Array(features.length * 2 + 256);
    const xy = this.xy;
    const zoom = map.getZoom();
    const arrows = zoom >= ARROW_ZOOM;
    const radius = engineerRadius(zoom);
    const margin = arrows ? 12 : radius + 1;
    // The map is kept flat and north up, so a linear projection serves; map.project otherwise.
    const flat =
      map.getPitch() === 0 && map.getBearing() === 0 && width > 0 && height > 0
        ? flatProjection(map.unproject([0, 0]), map.unproject([width, height]), width, height)
        : null;
    // The frame holds only the engineers on screen; the hit test keeps every one.
    const frame: EngineerFrame = {
      width,
      height,
      ratio,
      arrows,
      radius,
      count: 0,
      xy: new Float32Array(features.length * 2),
      heading: new Float32Array(features.length),
      look: new Uint8Array(features.length),
      selected: null,
    };
    for (let i = 0; i < features.length; i++) {
      const f = features[i]!;
      const [lon, lat] = f.geometry.coordinates;
      let x: number;
      let y: number;
      if (flat) [x, y] = flat(lon, lat);
      else ({ x, y } = map.project([lon, lat]));
      xy[2 * i] = x;
      xy[2 * i + 1] = y;
      if (x < -margin || y < -margin || x > width + margin || y > height + margin) continue;
      if (f.properties.selected) frame.selected = { x, y };
      const n = frame.count++;
      frame.xy[2 * n] = x;
      frame.xy[2 * n + 1] = y;
      frame.heading[n] = f.properties.heading;
      frame.look[n] = LOOK_INDEX.get(engineerLook(f.properties)) ?? 0;
    }
    this.drawn = features;
    this.painter.paint(frame);
  };

  remove(): void {
    this.removed = true;
    this.map.off('render', this.draw);
    this.painter.remove();
    this.canvas.remove();
  }

  private makeCanvas(): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    canvas.className = 'engineer-canvas';
    canvas.setAttribute('aria-hidden', 'true');
    this.map.getCanvasContainer().appendChild(canvas);
    return canvas;
  }

  private makePainter(): Painter {
    if (!CanvasWorker.supported(this.canvas)) return new PagePainter(this.canvas);
    try {
      return new CanvasWorker<EngineerFrame>(
        this.canvas,
        () => new Worker(new URL('./engineer-worker.ts', import.meta.url), { name: 'engineers' }),
        (f) => [f.xy.buffer, f.heading.buffer, f.look.buffer],
        () => this.drawOnPage(),
      );
    } catch {
      return this.drawOnPage();
    }
  }

  /** When the worker cannot draw: a fresh canvas (the old one belongs to the worker) drawn on the page from now on. */
  private drawOnPage(): Painter {
    if (this.painter instanceof PagePainter) return this.painter;
    this.painter?.remove();
    this.canvas.remove();
    this.canvas = this.makeCanvas();
    this.painter = new PagePainter(this.canvas);
    this.canvas.dataset.painter = 'page';
    if (!this.removed) this.draw();
    return this.painter;
  }
}

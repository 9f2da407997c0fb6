// The engineers, drawn on a canvas of their own laid over the map's. Positions arrive every second for the whole fleet;
// drawn as a map layer, each batch would go to the map's worker to be cut into tiles and come back to be drawn with
// everything else, a full repaint of the map each time. Here a batch costs one pass over the fleet on a 2D canvas, and
// the map itself is left alone unless it moves (then this canvas is drawn again in the same frame as the map).
import type { Map as MapLibre } from 'maplibre-gl';
import type { EngineerProps, PointFeature } from './features.js';
import {
  ARROW_ZOOM,
  arrowOutline,
  ENGINEER_COLOURS,
  ENGINEER_OUTLINE,
  engineerLook,
  engineerRadius,
  flatProjection,
  HIT_RADIUS_PX,
  nearestPoint,
  SELECTED_ENGINEER,
  type EngineerLook,
} from './symbols.js';

const LOOKS = Object.keys(ENGINEER_COLOURS) as EngineerLook[];

export class EngineerCanvas {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  /** Screen positions (CSS pixels) of the features last drawn, x, y pairs in the order of `drawn`. */
  private xy = new Float32Array(0);
  private drawn: ReadonlyArray<PointFeature<EngineerProps>> = [];

  constructor(
    private readonly map: MapLibre,
    private readonly features: () => ReadonlyArray<PointFeature<EngineerProps>>,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'engineer-canvas';
    this.canvas.setAttribute('aria-hidden', 'true');
    map.getCanvasContainer().appendChild(this.canvas);
    this.ctx = this.canvas.getContext('2d')!;
    // Every frame the map draws (panning, zooming, resizing) moves the engineers with it.
    map.on('render', this.draw);
  }

  /** The engineer under a point of the map (CSS pixels from its top left), if any. */
  engineerAt(x: number, y: number): string | null {
    const i = nearestPoint(this.xy, this.drawn.length, x, y, HIT_RADIUS_PX);
    return i < 0 ? null : this.drawn[i]!.properties.id;
  }

  readonly draw = () => {
    const { canvas, ctx, map } = this;
    const width = map.getCanvas().clientWidth;
    const height = map.getCanvas().clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);

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
    // One path per look, so the whole fleet is a handful of fills.
    const paths = new Map<EngineerLook, Path2D>(LOOKS.map((look) => [look, new Path2D()]));
    let selected: { x: number; y: number } | null = null;
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
      if (f.properties.selected) selected = { x, y };
      const path = paths.get(engineerLook(f.properties))!;
      if (arrows) {
        const c = arrowOutline(x, y, f.properties.heading);
        path.moveTo(c[0]!, c[1]!);
        for (let k = 2; k < c.length; k += 2) path.lineTo(c[k]!, c[k + 1]!);
        path.closePath();
      } else {
        path.moveTo(x + radius, y);
        path.arc(x, y, radius, 0, 2 * Math.PI);
      }
    }
    this.drawn = features;

    if (selected) {
      ctx.beginPath();
      ctx.arc(selected.x, selected.y, SELECTED_ENGINEER.radius, 0, 2 * Math.PI);
      ctx.fillStyle = SELECTED_ENGINEER.fill;
      ctx.fill();
      ctx.strokeStyle = SELECTED_ENGINEER.stroke;
      ctx.lineWidth = 1;
      ctx.stroke();
    }
    ctx.strokeStyle = ENGINEER_OUTLINE;
    ctx.lineWidth = 1;
    ctx.lineJoin = 'round';
    for (const look of LOOKS) {
      const path = paths.get(look)!;
      ctx.globalAlpha = look === 'quiet' ? 0.55 : 1;
      ctx.fillStyle = ENGINEER_COLOURS[look];
      ctx.fill(path);
      ctx.stroke(path);
    }
    ctx.globalAlpha = 1;
  };

  remove(): void {
    this.map.off('render', this.draw);
    this.canvas.remove();
  }
}

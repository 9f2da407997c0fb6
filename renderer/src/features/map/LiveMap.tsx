import 'maplibre-gl/dist/maplibre-gl.css';
import {
  addProtocol,
  LngLatBounds,
  Map as MapLibre,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapLayerMouseEvent,
  type StyleSpecification,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';
import { PMTiles, Protocol } from 'pmtiles';
import { useEffect, useRef, useState } from 'react';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import { epochAtLocal, localDate } from '../../../../shared/time/index.js';
import { useActions } from '../../services/index.js';
import { serverReachable } from '../../ui/server-reachable.js';
import { engineerName } from '../../i18n/names.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { orderDropTarget } from '../../ui/order-drag.js';
import { styleFor, tileTypeOf, type Ground } from './basemap.js';
import { EngineerCanvas } from './engineer-canvas.js';
import {
  EngineerFeatures,
  orderFeatures,
  orderFeatureSlices,
  orderSourceChange,
  plannedRoute,
  splitForClusters,
  trailLine,
  type Collection,
  type OrderProps,
  type PointFeature,
} from './features.js';
import { MapLegend } from './MapLegend.js';
import { addOverlay } from './overlay.js';
import { attachReplay, Replay } from '../replay/index.js';

setWorkerUrl(workerUrl);
const pmtiles = new Protocol();
addProtocol('pmtiles', pmtiles.tile);

const EMPTY = { type: 'FeatureCollection' as const, features: [] };
/** The layers that draw single orders: those out of clusters, and the P1s and selection always shown alone. */
const ORDER_LAYERS = ['orders', 'orders-single'];
const CARRY_THRESHOLD_PX = 6;
/** Orders read per task when the timer refreshes their SLA rings: a big day's refresh is spread over several tasks. */
const ORDER_SLICE = 2000;
/** Beyond this many orders changed at once the map is given all of them again rather than the changes. */
const ORDER_DIFF_LIMIT = 2000;

/** Main-thread milliseconds spent on each position update (for the benchmark). */
export type MapProbe = (ms: number, kind: 'positions' | 'orders') => void;

/** The ground from the settings: an online style, a local .pmtiles archive, or the shipped offline basemap. */
async function chooseGround(styleUrl: string | null, pmtilesFile: string | null): Promise<Ground> {
  if (styleUrl) return { kind: 'online', styleUrl };
  if (pmtilesFile) {
    const url = `${location.origin}/basemaps/${encodeURIComponent(pmtilesFile)}`;
    const archive = new PMTiles(url);
    const header = await archive.getHeader();
    const tileType = tileTypeOf(header.tileType);
    if (!tileType) throw new Error(`${pmtilesFile} holds tiles of a kind the map cannot draw`);
    pmtiles.add(archive);
    return { kind: 'pmtiles', url, tileType, maxZoom: header.maxZoom };
  }
  return { kind: 'offline' };
}

/**
 * The ground from the settings, or the shipped offline basemap when that ground cannot be had (an unreadable archive,
 * say): `failed` is told why, so the map can say it draws the offline ground instead.
 */
export function groundOrOffline(
  styleUrl: string | null,
  pmtilesFile: string | null,
  failed: (why: string) => void,
): Promise<Ground> {
  return chooseGround(styleUrl, pmtilesFile).catch((err: Error): Ground => {
    failed(err.message);
    return { kind: 'offline' };
  });
}

/** Land and borders of the offline basemap, from Natural Earth (world-atlas), shipped with the app. */
export async function loadOfflineGround(map: MapLibre): Promise<void> {
  const topology = (await (await fetch(countriesUrl)).json()) as Topology<{ countries: GeometryCollection }>;
  (map.getSource('land') as GeoJSONSource | undefined)?.setData(feature(topology, topology.objects.countries));
  (map.getSource('borders') as GeoJSONSource | undefined)?.setData(
    mesh(topology, topology.objects.countries, (a, b) => a !== b),
  );
}

/**
 * The live map: engineers with heading (greyed when their device has been quiet five minutes), open orders by
 * priority with their SLA state as a ring, the selected engineer's plan and today's trail. Data comes from the store
 * and is written into the map's sources in place, at most once a frame.
 */
export function LiveMap({ onUpdate }: { onUpdate?: MapProbe }) {
  const t = useT();
  const actions = useActions();
  const host = useRef<HTMLDivElement>(null);
  const carryChip = useRef<HTMLDivElement>(null);
  const locale = useConsole((s) => s.locale);
  const styleUrl = useConsole((s) => s.basemapStyleUrl);
  const pmtilesFile = useConsole((s) => s.basemapPmtiles);
  const selectedEngineerId = useConsole((s) => s.selectedEngineerId);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let disposed = false;
    let map: MapLibre | null = null;
    const store = consoleStore();
    const engineers = new EngineerFeatures();
    const dirty = { engineers: true, orders: true, route: true };
    let frame = 0;
    let fitted = false;
    let trailFor: string | null = null;
    let engineerCanvas: EngineerCanvas | null = null;
    let shownOrders: { single: Collection<PointFeature<OrderProps>>; clustered: Collection<PointFeature<OrderProps>> } =
      {
        single: EMPTY,
        clustered: EMPTY,
      };
    let detachReplay: (() => void) | null = null;

    const setSource = (id: string, data: unknown) =>
      (map?.getSource(id) as GeoJSONSource | undefined)?.setData(data as Parameters<GeoJSONSource['setData']>[0]);

    const flush = () => {
      frame = 0;
      if (!engineerCanvas) return;
      const s = store.getState();
      const now = Date.now();
      if (dirty.engineers) {
        const started = performance.now();
        const moved = engineers.update(s.positions.values(), s.engineers, now);
        const reselected = engineers.select(s.selectedEngineerId);
        if (moved || reselected) engineerCanvas.draw();
        dirty.engineers = false;
        onUpdate?.(performance.now() - started, 'positions');
        if (!fitted && engineers.size > 0) fitToFleet();
      }
      if (dirty.orders) {
        const started = performance.now();
        cancelSlices();
        showOrders(orderFeatures(s.orders.values(), now, s.policy, s.selectedOrderIds));
        dirty.orders = false;
        onUpdate?.(performance.now() - started, 'orders');
      }
      if (dirty.route) {
        dirty.route = false;
        drawRoute();
      }
    };
    // The map is given the orders (and redraws) only when something shows new, and then only the orders that changed.
    const updateOrders = (
      id: string,
      shown: Collection<PointFeature<OrderProps>>,
      next: Collection<PointFeature<OrderProps>>,
    ) => {
      const change = orderSourceChange(shown, next, ORDER_DIFF_LIMIT);
      if (change.kind === 'replace') setSource(id, next);
      else if (change.kind === 'diff')
        (map?.getSource(id) as GeoJSONSource | undefined)?.updateData({ remove: change.remove, add: change.add });
    };
    const showOrders = (all: Collection<PointFeature<OrderProps>>) => {
      const split = splitForClusters(all);
      updateOrders('orders', shownOrders.clustered, split.clustered);
      updateOrders('orders-single', shownOrders.single, split.single);
      shownOrders = split;
    };
    // Every 15 s the SLA rings are read again as time passes, a slice of orders per task; a change of the data or the
    // selection meanwhile drops the slices (the change redraws the orders itself, at once).
    let slicing = 0;
    const cancelSlices = () => {
      if (slicing) clearTimeout(slicing);
      slicing = 0;
    };
    const refreshSla = () => {
      cancelSlices();
      const s = store.getState();
      const job = orderFeatureSlices([...s.orders.values()], Date.now(), s.policy, s.selectedOrderIds, ORDER_SLICE);
      const step = () => {
        slicing = 0;
        const r = job.next();
        if (!r.done) slicing = window.setTimeout(step, 0);
        else if (!disposed && engineerCanvas) showOrders(r.value);
      };
      slicing = window.setTimeout(step, 0);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(flush);
    };

    const fitToFleet = () => {
      const s = store.getState();
      const bounds = new LngLatBounds();
      for (const p of s.positions.values()) bounds.extend([p.lon, p.lat]);
      if (bounds.isEmpty() || !map) return;
      fitted = true;
      // The pane may have been laid out after the map was made: measure again before fitting.
      map.resize();
      map.fitBounds(bounds, { padding: 30, maxZoom: 13, duration: 0 });
    };

    /** Whether the note says the trail could not be fetched (it goes once the trail is there or not wanted). */
    let trailNote = false;
    const drawRoute = () => {
      const s = store.getState();
      const id = s.selectedEngineerId;
      const engineer = id ? s.engineers.get(id) : undefined;
      if (!engineer) {
        setSource('route', EMPTY);
        setSource('route-stops', EMPTY);
        setSource('trail', EMPTY);
        trailFor = null;
        return;
      }
      const dayStart = epochAtLocal(localDate(Date.now(), s.timeZone), 0, s.timeZone);
      const plan = plannedRoute(
        engineer,
        s.positions.get(engineer.id),
        s.orders.values(),
        Date.now(),
        dayStart + 86_400_000,
      );
      setSource('route', plan.line);
      setSource('route-stops', plan.stops);
      if (trailFor !== engineer.id) {
        trailFor = engineer.id;
        setSource('trail', EMPTY);
        // The trail is kept on the server: while it cannot be reached (or the dispatcher works offline) it is not
        // asked for, and the note says why it is missing until the link is back.
        if (!serverReachable(s.status.state)) {
          trailNote = true;
          setNote(t(s.status.state === 'paused' ? 'map.trailWorkingOffline' : 'map.trailOffline'));
        } else {
          actions
            .breadcrumbs(engineer.id, dayStart, Math.max(Date.now(), dayStart + 60_000))
            .then((points) => {
              if (disposed || trailFor !== engineer.id) return;
              setSource('trail', trailLine(points));
              if (trailNote) setNote(null);
              trailNote = false;
            })
            .catch(() => {
              if (disposed || trailFor !== engineer.id) return;
              // Asked again when the link comes back (see the subscription below), not on every change meanwhile.
              trailNote = true;
              const state = store.getState().status.state;
              setNote(
                t(
                  state === 'paused'
                    ? 'map.trailWorkingOffline'
                    : state !== 'online'
                      ? 'map.trailOffline'
                      : 'map.trailFailed',
                ),
              );
            });
        }
      }
      const here = s.positions.get(engineer.id);
      if (here && map && !map.getBounds().contains([here.lon, here.lat])) map.easeTo({ center: [here.lon, here.lat] });
    };

    // A pointer carry of an order from the map onto the board (the canvas has no HTML drag and drop).
    let carry: { orderId: string; x: number; y: number; moving: boolean } | null = null;
    const onCarryMove = (e: PointerEvent) => {
      if (!carry) return;
      if (!carry.moving && Math.hypot(e.clientX - carry.x, e.clientY - carry.y) < CARRY_THRESHOLD_PX) return;
      carry.moving = true;
      const chip = carryChip.current;
      if (chip) {
        chip.style.display = 'block';
        chip.style.transform = `translate(${e.clientX + 12}px, ${e.clientY + 12}px)`;
        chip.textContent = store.getState().orders.get(carry.orderId)?.code ?? '';
      }
      const over = document.elementFromPoint(e.clientX, e.clientY);
      if (over && !el.contains(over)) orderDropTarget()?.hover(carry.orderId, e.clientX, e.clientY);
      else orderDropTarget()?.leave();
    };
    const onCarryEnd = (e: PointerEvent) => {
      window.removeEventListener('pointermove', onCarryMove);
      window.removeEventListener('pointerup', onCarryEnd);
      if (carryChip.current) carryChip.current.style.display = 'none';
      map?.dragPan.enable();
      const done = carry;
      carry = null;
      if (!done?.moving) return;
      const over = document.elementFromPoint(e.clientX, e.clientY);
      if (over && !el.contains(over)) orderDropTarget()?.drop(done.orderId, e.clientX, e.clientY);
      else orderDropTarget()?.leave();
    };

    const unsubscribe = store.subscribe((s, prev) => {
      if (s.positionsVersion !== prev.positionsVersion) {
        // Which engineers moved is not announced; update() compares the newest position of each in place.
        dirty.engineers = true;
        schedule();
      }
      if (
        s.dataVersion !== prev.dataVersion ||
        s.selectedOrderIds !== prev.selectedOrderIds ||
        s.policy !== prev.policy
      ) {
        dirty.orders = true;
        dirty.route = true;
        schedule();
      }
      if (s.selectedEngineerId !== prev.selectedEngineerId) {
        dirty.engineers = true;
        dirty.route = true;
        if (trailNote) setNote(null);
        trailNote = false;
        schedule();
      }
      // The trail that could not be fetched is fetched again once the link is back.
      if (s.status.state === 'online' && prev.status.state !== 'online' && trailNote) {
        trailFor = null;
        dirty.route = true;
        schedule();
      }
      if (s.focusedOrderId !== prev.focusedOrderId && s.focusedOrderId) {
        const o = s.orders.get(s.focusedOrderId);
        if (o && map && !map.getBounds().contains([o.site.lon, o.site.lat]))
          map.easeTo({ center: [o.site.lon, o.site.lat] });
      }
    });
    // Staleness grows with time alone, and SLA rings change as deadlines pass.
    const tick = setInterval(() => {
      dirty.engineers = true;
      schedule();
      refreshSla();
    }, 15_000);

    void groundOrOffline(styleUrl, pmtilesFile, (why) => setNote(t('map.basemapFailed', { why }))).then((ground) => {
      if (disposed) return;
      map = new MapLibre({
        container: el,
        style: styleFor(ground) as StyleSpecification | string,
        center: [121.47, 31.23],
        zoom: 9,
        attributionControl: {
          compact: true,
          customAttribution: ground.kind === 'offline' ? 'Natural Earth' : undefined,
        },
        dragRotate: false,
        // No symbol fade: with positions every second it would keep the map repainting all the time.
        fadeDuration: 0,
        pitchWithRotate: false,
        // The map's own controls speak the console's language.
        locale: {
          'Map.Title': t('map.title'),
          'NavigationControl.ZoomIn': t('map.zoomIn'),
          'NavigationControl.ZoomOut': t('map.zoomOut'),
          'ScaleControl.Meters': t('map.unitMetres'),
          'ScaleControl.Kilometers': t('map.unitKilometres'),
          'AttributionControl.ToggleAttribution': t('map.attribution'),
        },
      });
      map.addControl(new NavigationControl({ showCompass: false, visualizePitch: false }), 'top-right');
      map.addControl(new ScaleControl({ maxWidth: 100, unit: 'metric' }), 'bottom-left');
      map.touchZoomRotate.disableRotation();
      map.keyboard.disableRotation();
      map.on('load', () => {
        if (!map) return;
        addOverlay(map, locale);
        engineerCanvas = new EngineerCanvas(map, () => engineers.collection().features);
        detachReplay = attachReplay(map);
        if (ground.kind === 'offline') void loadOfflineGround(map).catch((err: Error) => setNote(err.message));
        dirty.engineers = true;
        dirty.orders = true;
        dirty.route = true;
        schedule();
      });
      map.on('error', (e) => {
        // A failed tile or style request is not fatal: say so once and keep the overlay.
        if (ground.kind !== 'offline') setNote(t('map.basemapFailed', { why: e.error?.message ?? 'error' }));
      });
      // An engineer's dot opens their card (which selects them: the map draws their plan and trail).
      map.on('click', (e) => {
        const id = engineerCanvas?.engineerAt(e.point.x, e.point.y);
        if (id) store.getState().showEngineerCard(id);
      });
      for (const layer of ORDER_LAYERS) {
        map.on('click', layer, (e: MapLayerMouseEvent) => {
          const id = e.features?.[0]?.properties?.id as string | undefined;
          if (id)
            store.getState().selectOrder(id, e.originalEvent.ctrlKey || e.originalEvent.metaKey ? 'toggle' : 'replace');
        });
        map.on('mousedown', layer, (e: MapLayerMouseEvent) => {
          const id = e.features?.[0]?.properties?.id as string | undefined;
          if (!id || e.originalEvent.button !== 0) return;
          e.preventDefault();
          map?.dragPan.disable();
          carry = { orderId: id, x: e.originalEvent.clientX, y: e.originalEvent.clientY, moving: false };
          window.addEventListener('pointermove', onCarryMove);
          window.addEventListener('pointerup', onCarryEnd);
        });
      }
      // A cluster opens up: the map zooms to where its orders come apart.
      map.on('click', 'order-clusters', (e: MapLayerMouseEvent) => {
        const f = e.features?.[0];
        const clusterId = f?.properties?.cluster_id as number | undefined;
        if (clusterId === undefined || f?.geometry.type !== 'Point' || !map) return;
        const center = f.geometry.coordinates as [number, number];
        void (map.getSource('orders') as GeoJSONSource)
          .getClusterExpansionZoom(clusterId)
          .then((zoom) => map?.easeTo({ center, zoom }))
          .catch(() => map?.easeTo({ center, zoom: (map?.getZoom() ?? 9) + 2 }));
      });
      // A pointer over anything that answers a click: an engineer, an order or a cluster. Over an engineer, the map's
      // tooltip names them as the rest of the console does (a namesake with their team and short id).
      const clickable = ['order-clusters', ...ORDER_LAYERS];
      let hovered: string | null = null;
      map.on('mousemove', (e) => {
        if (!map) return;
        const engineerId = engineerCanvas?.engineerAt(e.point.x, e.point.y) ?? null;
        const over =
          engineerId !== null ||
          map.queryRenderedFeatures(e.point, { layers: clickable.filter((id) => map?.getLayer(id)) }).length > 0;
        const canvas = map.getCanvas();
        canvas.style.cursor = over ? 'pointer' : '';
        if (engineerId !== hovered) {
          hovered = engineerId;
          if (engineerId) canvas.title = engineerName(store.getState().engineers, engineerId, locale);
          else canvas.removeAttribute('title');
        }
      });
    });

    return () => {
      disposed = true;
      unsubscribe();
      clearInterval(tick);
      cancelSlices();
      if (frame) cancelAnimationFrame(frame);
      window.removeEventListener('pointermove', onCarryMove);
      window.removeEventListener('pointerup', onCarryEnd);
      engineerCanvas?.remove();
      detachReplay?.();
      map?.remove();
    };
    // A new language or basemap rebuilds the map; data changes never do.
  }, [locale, styleUrl, pmtilesFile]);

  return (
    <div className="live-map" data-testid="map" data-selected-engineer={selectedEngineerId ?? ''}>
      <div ref={host} className="live-map-canvas" />
      <MapLegend />
      {note && (
        <div className="map-note" role="status" onClick={() => setNote(null)} data-testid="map-note">
          {note}
        </div>
      )}
      <div ref={carryChip} className="carry-chip" aria-hidden="true" />
      <Replay />
    </div>
  );
}

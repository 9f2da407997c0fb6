import { Map as MapLibre, Marker, type StyleSpecification } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { GeoPoint } from '../../../../shared/domain/index.js';
import { round6 } from '../../../../shared/geo/index.js';
import { useT } from '../../i18n/use-t.js';
import { useConsole } from '../../store/index.js';
import { styleFor } from './basemap.js';
import { groundOrOffline, loadOfflineGround } from './LiveMap.js';
import { addOverlay } from './overlay.js';

/**
 * A small map to pick a place on, on the same ground as the live map (with the city's district names): a click puts
 * the pin there; by keyboard, the arrows pan, + and − zoom and Enter drops the pin at the centre cross.
 */
export function PickMap(props: { point: GeoPoint | null; centre: GeoPoint; onPick: (point: GeoPoint) => void }) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const marker = useRef<Marker | null>(null);
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;
  const locale = useConsole((s) => s.locale);
  const styleUrl = useConsole((s) => s.basemapStyleUrl);
  const pmtilesFile = useConsole((s) => s.basemapPmtiles);
  const [note, setNote] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const start = props.point ?? props.centre;
  const startZoom = props.point ? 13 : 9.5;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let disposed = false;
    void groundOrOffline(styleUrl, pmtilesFile, (why) => setNote(t('map.basemapFailed', { why }))).then((ground) => {
      if (disposed) return;
      const m = new MapLibre({
        container: el,
        style: styleFor(ground) as StyleSpecification | string,
        center: [start.lon, start.lat],
        zoom: startZoom,
        attributionControl: { compact: true },
        dragRotate: false,
        pitchWithRotate: false,
        fadeDuration: 0,
      });
      m.touchZoomRotate.disableRotation();
      m.on('load', () => {
        addOverlay(m, locale);
        if (ground.kind === 'offline') void loadOfflineGround(m).catch((err: Error) => setNote(err.message));
      });
      m.on('click', (e) => onPick.current({ lat: round6(e.lngLat.lat), lon: round6(e.lngLat.lng) }));
      map.current = m;
      setReady(true);
    });
    return () => {
      disposed = true;
      map.current?.remove();
      map.current = null;
      marker.current = null;
      setReady(false);
    };
    // The view starts where the dialog's point was when the map opened; later picks move the pin, not the map.
  }, [locale, styleUrl, pmtilesFile]);

  useEffect(() => {
    const m = map.current;
    if (!m || !props.point) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    if (!marker.current) {
      // Named for screen readers in the console's language (MapLibre's own label is the English "Map marker").
      marker.current = new Marker({ color: '#2563eb' }).setLngLat([props.point.lon, props.point.lat]);
      marker.current.getElement().setAttribute('aria-label', t('newOrder.pickedPlace'));
      marker.current.addTo(m);
    }
    marker.current.setLngLat([props.point.lon, props.point.lat]);
    if (!m.getBounds().contains([props.point.lon, props.point.lat]))
      m.easeTo({ center: [props.point.lon, props.point.lat] });
  }, [ready, props.point?.lat, props.point?.lon]);

  return (
    <div
      className="pick-map"
      data-testid="pick-map"
      onKeyDown={(e) => {
        const m = map.current;
        if (e.key !== 'Enter' || !m) return;
        e.preventDefault();
        const c = m.getCenter();
        onPick.current({ lat: round6(c.lat), lon: round6(c.lng) });
      }}
    >
      <div ref={host} className="pick-map-canvas" />
      <div className="pick-map-cross" aria-hidden="true" />
      <p className="muted pick-map-hint">{note ?? t('newOrder.mapHint')}</p>
    </div>
  );
}

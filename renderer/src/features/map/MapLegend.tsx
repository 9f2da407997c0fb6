import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t.js';
import { PRIORITY_COLOURS } from '../../ui/palette.js';
import {
  arrowOutline,
  CLUSTER_LOOK,
  diamondOutline,
  ENGINEER_COLOURS,
  ENGINEER_OUTLINE,
  ORDER_PRIORITIES,
  ORDER_RIMS,
  ROUTE_LINE,
  TRAIL_LINE,
  type EngineerLook,
  type OrderRim,
} from './symbols.js';

const SIZE = 16;
/** A map pane at least this big (CSS pixels) shows the legend open from the start. */
const ROOMY = { width: 640, height: 480 };

function Dot({ look }: { look: EngineerLook }) {
  return (
    <svg width={SIZE} height={SIZE} aria-hidden="true">
      <circle
        cx={SIZE / 2}
        cy={SIZE / 2}
        r={5}
        fill={ENGINEER_COLOURS[look]}
        fillOpacity={look === 'quiet' ? 0.55 : 1}
        stroke={ENGINEER_OUTLINE}
      />
    </svg>
  );
}

function Arrow() {
  const c = arrowOutline(SIZE / 2, SIZE / 2, 45, SIZE);
  return (
    <svg width={SIZE} height={SIZE} aria-hidden="true">
      <polygon points={c.join(' ')} fill={ENGINEER_COLOURS.en_route} stroke={ENGINEER_OUTLINE} strokeLinejoin="round" />
    </svg>
  );
}

function Diamond({ fill, rim, faded }: { fill: string; rim: OrderRim; faded?: boolean }) {
  const { colour, width } = ORDER_RIMS[rim];
  return (
    <svg width={SIZE} height={SIZE} aria-hidden="true">
      <polygon
        points={diamondOutline(SIZE, width).join(' ')}
        fill={fill}
        fillOpacity={faded ? 0.55 : 0.95}
        stroke={colour === '#ffffff' ? '#94a3b8' : colour}
        strokeWidth={width}
      />
    </svg>
  );
}

function Cluster() {
  return (
    <svg width={SIZE + 4} height={SIZE + 4} aria-hidden="true">
      <circle cx={10} cy={10} r={9} fill={CLUSTER_LOOK.fill} stroke={CLUSTER_LOOK.stroke} strokeWidth={1.5} />
      <text x={10} y={13.5} textAnchor="middle" fontSize={9} fontWeight={600} fill="#0f172a">
        12
      </text>
    </svg>
  );
}

function Line({ colour, dashed }: { colour: string; dashed?: boolean }) {
  return (
    <svg width={SIZE + 4} height={SIZE} aria-hidden="true">
      <line
        x1={1}
        y1={SIZE / 2}
        x2={SIZE + 3}
        y2={SIZE / 2}
        stroke={colour}
        strokeWidth={dashed ? 2 : 3}
        strokeDasharray={dashed ? '2 3' : undefined}
      />
    </svg>
  );
}

/**
 * What the map's symbols mean, in the console's language: engineers are dots (arrows when zoomed in) coloured by
 * state, orders diamonds coloured by priority with their SLA state as the rim, groups of orders numbered circles.
 * Folds away to one button: open at first where the map has room for it, folded on a small map pane. Open, it keeps
 * to the right half of the map, clear of its centre, and to half its height (see .map-legend), scrolling under its
 * title where it is longer; Esc folds it.
 */
export function MapLegend() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const self = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    const pane = self.current?.parentElement;
    if (pane && pane.clientWidth >= ROOMY.width && pane.clientHeight >= ROOMY.height) setOpen(true);
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Escape' || !open) return;
    e.stopPropagation();
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <section
      ref={self}
      className="map-legend"
      data-testid="map-legend"
      aria-label={t('legend.title')}
      onKeyDown={onKeyDown}
    >
      <button
        ref={toggle}
        type="button"
        className="map-legend-toggle"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title={open ? t('map.legend.hide') : t('map.legend.show')}
      >
        {t('legend.title')} {open ? '▾' : '▸'}
      </button>
      {open && (
        <dl className="map-legend-body">
          <dt>{t('map.legend.engineers')}</dt>
          <dd>
            <Dot look="available" />
            {t('state.available')}
          </dd>
          <dd>
            <Dot look="en_route" />
            {t('state.en_route')}
          </dd>
          <dd>
            <Dot look="on_site" />
            {t('state.on_site')}
          </dd>
          <dd>
            <Dot look="other" />
            {t('state.off')}
          </dd>
          <dd>
            <Dot look="quiet" />
            {t('map.legend.quiet')}
          </dd>
          <dd>
            <Arrow />
            {t('map.legend.heading')}
          </dd>
          <dt>{t('map.legend.orders')}</dt>
          {/* In pairs: all four on a line, or P1 P2 over P3 P4 on a narrow legend. */}
          <dd className="map-legend-priorities">
            {[ORDER_PRIORITIES.slice(0, 2), ORDER_PRIORITIES.slice(2)].map((pair) => (
              <span key={pair.join()}>
                {pair.map((p) => (
                  <span key={p}>
                    <Diamond fill={PRIORITY_COLOURS[p]} rim="ok" />
                    {p}
                  </span>
                ))}
              </span>
            ))}
          </dd>
          <dd>
            <Diamond fill={PRIORITY_COLOURS.P3} rim="jeopardy" />
            {t('legend.jeopardy')}
          </dd>
          <dd>
            <Diamond fill={PRIORITY_COLOURS.P3} rim="breached" />
            {t('legend.breached')}
          </dd>
          <dd>
            <Diamond fill={PRIORITY_COLOURS.P3} rim="ok" faded />
            {t('map.legend.booked')}
          </dd>
          <dd>
            <Diamond fill={PRIORITY_COLOURS.P3} rim="selected" />
            {t('map.legend.selected')}
          </dd>
          <dd>
            <Cluster />
            {t('map.legend.cluster')}
          </dd>
          <dt>{t('map.legend.routes')}</dt>
          <dd>
            <Line colour={ROUTE_LINE} />
            {t('map.legend.plan')}
          </dd>
          <dd>
            <Line colour={TRAIL_LINE} dashed />
            {t('map.legend.trail')}
          </dd>
        </dl>
      )}
    </section>
  );
}

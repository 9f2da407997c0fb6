// The live map with thousands of engineers reporting every second and every open order of a big day: how long the
// main thread spends on each batch of positions, measured around the map's own update of its sources.
import { createRoot } from 'react-dom/client';
import type { EngineerPosition } from '../../shared/sync/index.js';
import { ActionsContext, ConsoleActions } from '../src/services/index.js';
import { LiveMap } from '../src/features/map/LiveMap.js';
import { ReplayPlayer } from '../src/features/replay/player.js';
import { replayLayer } from '../src/features/replay/replay-layer.js';
import { buildTrack, positionAt, segmentAt, statusSegments } from '../src/features/replay/timeline.js';
import { createConsoleStore, setConsoleStore } from '../src/store/index.js';
import '../src/styles.css';
import { benchGateway } from './bench-gateway.js';
import { benchSnapshot } from './bench-data.js';

const params = new URLSearchParams(location.search);
const engineers = Number(params.get('engineers') ?? 2000);
const orders = Number(params.get('orders') ?? 20000);
/** Seconds between two changes of an order (a booking made or taken back) during a run; 0: none. */
const orderEvery = Number(params.get('orderEvery') ?? 0);

const store = createConsoleStore();
setConsoleStore(store);
const snapshot = benchSnapshot(engineers, orders);
// Every order open and unbooked half the time, so the orders layer holds all of them.
snapshot.orders = snapshot.orders.map((o, i) => (i % 2 ? { ...o, status: 'new' as const, booking: null } : o));
const now = Date.now();
let positions: EngineerPosition[] = snapshot.engineers.map((e, i) => ({
  engineerId: e.id,
  lat: e.homeBase.lat,
  lon: e.homeBase.lon,
  heading: (i * 37) % 360,
  speed: 8,
  at: now,
}));
snapshot.positions = positions;
store.setState({ timeZone: 'Asia/Shanghai', locale: 'en' });

const updates: number[] = [];
const orderUpdates: number[] = [];
let firstRenderMs = -1;
const mountedAt = performance.now();
const longTasks: number[] = [];
new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({
  type: 'longtask',
  buffered: true,
});

const ready = new Promise<void>((resolve) => {
  store.getState().applySnapshot(snapshot);
  createRoot(document.getElementById('root')!).render(
    <ActionsContext.Provider value={new ConsoleActions(benchGateway(), store)}>
      <div style={{ position: 'relative', height: '100vh' }}>
        <LiveMap
          onUpdate={(ms, kind) => {
            (kind === 'positions' ? updates : orderUpdates).push(ms);
            if (firstRenderMs < 0 && updates.length > 0 && orderUpdates.length > 0) {
              firstRenderMs = performance.now() - mountedAt;
              resolve();
            }
          }}
        />
      </div>
    </ActionsContext.Provider>,
  );
});

/** One second of the fleet: every engineer moves a few metres and turns a little. */
function tick(t: number): EngineerPosition[] {
  positions = positions.map((p, i) => {
    const heading = (p.heading + ((i % 7) - 3)) % 360;
    const rad = (heading * Math.PI) / 180;
    return {
      ...p,
      lat: p.lat + Math.cos(rad) * 0.00008,
      lon: p.lon + Math.sin(rad) * 0.00009,
      heading: heading < 0 ? heading + 360 : heading,
      at: t,
    };
  });
  return positions;
}

/**
 * A day of one engineer's device reporting every `everyMs`: drives of a few kilometres at city speeds between stops of
 * half an hour to an hour and a half, from 07:00 to 19:00, parked at home before and after.
 */
function dayOfFixes(dayStart: number, everyMs: number, lat0: number, lon0: number) {
  const fixes: Array<{ lat: number; lon: number; heading: number; speed: number; at: number }> = [];
  let lat = lat0;
  let lon = lon0;
  let heading = 30;
  let moving = false;
  let until = dayStart + 7 * 3_600_000;
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  for (let at = dayStart; at < dayStart + 86_400_000; at += everyMs) {
    const working = at >= dayStart + 7 * 3_600_000 && at < dayStart + 19 * 3_600_000;
    if (working && at >= until) {
      moving = !moving;
      until = at + (moving ? 10 + random() * 30 : 30 + random() * 60) * 60_000;
    }
    if (!working) moving = false;
    const speed = moving ? 6 + random() * 8 : 0;
    if (moving) {
      heading = (heading + (random() - 0.5) * 30 + 360) % 360;
      const metres = (speed * everyMs) / 1000;
      lat += (Math.cos((heading * Math.PI) / 180) * metres) / 111_000;
      lon += (Math.sin((heading * Math.PI) / 180) * metres) / 95_000;
    }
    fixes.push({ lat, lon, heading, speed, at });
  }
  return fixes;
}

/** One order changes as a dispatcher's work does: an unbooked one is booked, or a booked one is taken back. */
function changeOrder(n: number) {
  const state = store.getState();
  const list = snapshot.orders;
  const o = state.orders.get(list[(Math.floor(n) * 7919) % list.length]!.id)!;
  const booked = snapshot.orders.find((x) => x.booking)?.booking ?? null;
  state.applyChanges({
    orders: [{ ...o, status: o.booking ? 'new' : 'scheduled', booking: o.booking ? null : booked }],
    engineers: [],
    policy: null,
    eventOrderIds: [],
    reset: false,
  });
}

/** Waits `atLeast` ms, then until 2 s pass without a long task (at most a minute in all). */
async function settle(atLeast: number) {
  const settleStart = performance.now();
  await new Promise((r) => setTimeout(r, atLeast));
  while (performance.now() - settleStart < 60_000) {
    const seen = longTasks.length;
    await new Promise((r) => setTimeout(r, 2000));
    if (longTasks.length === seen) break;
  }
}

Object.assign(window, {
  bench: {
    ready: ready.then(() => ({ firstRenderMs, engineers, orders: snapshot.orders.length })),
    /**
     * Lets the first render settle, so a run measures updates only: at least 5 s, then until 2 s pass without a long
     * task (a busy machine draws the first frames slowly), at most a minute.
     */
    settle: () => settle(5000),
    /** `seconds` batches of every engineer's position, one a second, as the server broadcasts them. */
    async run(seconds: number, settled = false) {
      if (!settled) await settle(5000);
      updates.length = 0;
      longTasks.length = 0;
      for (let s = 0; s < seconds; s++) {
        if (!params.has('idle')) store.getState().applyPositions(tick(Date.now()));
        if (orderEvery > 0 && s % orderEvery === orderEvery - 1) changeOrder(s / orderEvery);
        await new Promise((r) => setTimeout(r, 1000));
      }
      return { updates: [...updates], longTasks: [...longTasks] };
    },
    /**
     * Replays a day of `fixes` positions of one engineer at `speed`× for `seconds`, from 08:00, while the fleet keeps
     * reporting every second: frames drawn, and main-thread milliseconds of each frame's replay step.
     */
    async replay(seconds: number, fixes: number, speed: 1 | 10 | 60 | 300) {
      await new Promise((r) => setTimeout(r, 5000));
      const layer = replayLayer();
      if (!layer) throw new Error('the map has no replay layer');
      const engineer = snapshot.engineers[0]!;
      const dayStart = now - (now % 86_400_000) - 8 * 3_600_000;
      const track = buildTrack(dayOfFixes(dayStart, 86_400_000 / fixes, engineer.homeBase.lat, engineer.homeBase.lon));
      const period = { from: dayStart, to: dayStart + 86_400_000 };
      const segments = statusSegments(track, period, {
        shifts: [{ start: dayStart + 7 * 3_600_000, end: dayStart + 19 * 3_600_000, breaks: [] }],
        visits: [],
      });
      layer.show(track, segments, engineer.name);
      if (params.has('markerOnly')) layer.playedRefreshMs = Infinity;
      const frames: number[] = [];
      const place = { lat: 0, lon: 0, index: -1 };
      let readout = '';
      const player = new ReplayPlayer(period, period.from, {
        draw: (t, playing) => layer.seek(t, playing),
        // What the controls do each frame: the position and status as text.
        frame: (t) => {
          const here = positionAt(track, t, place);
          readout = `${new Date(t).toISOString()} ${segmentAt(segments, t)?.status} ${here?.lat.toFixed(5)}`;
        },
        probe: (ms) => frames.push(ms),
      });
      player.speed = speed;
      player.seek(dayStart + 8 * 3_600_000);
      // The map fits the trail and loads that area (a busy machine takes seconds): let it settle as run() does, so the
      // run measures playing only: at least 1 s, then until 2 s pass without a long task, at most a minute.
      await settle(1000);
      frames.length = 0;
      longTasks.length = 0;
      const started = performance.now();
      player.play();
      for (let s = 0; s < seconds; s++) {
        if (!params.has('idle')) store.getState().applyPositions(tick(Date.now()));
        await new Promise((r) => setTimeout(r, 1000));
      }
      player.pause();
      const elapsed = performance.now() - started;
      return {
        fixes: track.length,
        segments: segments.length,
        frames: [...frames],
        elapsedMs: elapsed,
        replayedMs: player.time - (dayStart + 8 * 3_600_000),
        longTasks: [...longTasks],
        readout,
      };
    },
  },
});

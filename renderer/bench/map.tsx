// The live map with thousands of engineers reporting every second and every open order of a big day: how long the
// main thread spends on each batch of positions, measured around the map's own update of its sources.
import { createRoot } from 'react-dom/client';
import type { EngineerPosition } from '../../shared/sync/index.js';
import { ActionsContext, ConsoleActions } from '../src/services/index.js';
import { LiveMap } from '../src/features/map/LiveMap.js';
import { createConsoleStore, setConsoleStore } from '../src/store/index.js';
import '../src/styles.css';
import { benchGateway } from './bench-gateway.js';
import { benchSnapshot } from './bench-data.js';

const params = new URLSearchParams(location.search);
const engineers = Number(params.get('engineers') ?? 2000);
const orders = Number(params.get('orders') ?? 20000);

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

Object.assign(window, {
  bench: {
    ready: ready.then(() => ({ firstRenderMs, engineers, orders: snapshot.orders.length })),
    /** `seconds` batches of every engineer's position, one a second, as the server broadcasts them. */
    async run(seconds: number) {
      // Let the first render settle, so the run measures updates only: at least 5 s, then until 2 s pass without a long
      // task (a busy machine draws the first frames slowly), at most a minute.
      const settleStart = performance.now();
      await new Promise((r) => setTimeout(r, 5000));
      while (performance.now() - settleStart < 60_000) {
        const seen = longTasks.length;
        await new Promise((r) => setTimeout(r, 2000));
        if (longTasks.length === seen) break;
      }
      updates.length = 0;
      longTasks.length = 0;
      for (let s = 0; s < seconds; s++) {
        if (!params.has('idle')) store.getState().applyPositions(tick(Date.now()));
        await new Promise((r) => setTimeout(r, 1000));
      }
      return { updates: [...updates], longTasks: [...longTasks] };
    },
  },
});

import { createRoot } from 'react-dom/client';
import { ActionsContext, ConsoleActions } from '../src/services/index.js';
import { Board } from '../src/features/board/Board.js';
import { ENGINEER_ROW_HEIGHT, TEAM_ROW_HEIGHT } from '../src/features/board/model.js';
import { AXIS_HEIGHT, NAMES_WIDTH, scaleFor, timeToX } from '../src/features/board/time-scale.js';
import { createConsoleStore, setConsoleStore } from '../src/store/index.js';
import '../src/styles.css';
import { benchGateway } from './bench-gateway.js';
import { benchSnapshot } from './bench-data.js';

const params = new URLSearchParams(location.search);
const engineers = Number(params.get('engineers') ?? 1000);
const orders = Number(params.get('orders') ?? 20000);

const store = createConsoleStore();
setConsoleStore(store);
const generatedAt = performance.now();
const snapshot = benchSnapshot(engineers, orders);
const day = Math.min(...snapshot.orders.map((o) => o.booking!.start)) - 7 * 3_600_000;
const generateMs = performance.now() - generatedAt;
store.setState({ timeZone: 'Asia/Shanghai', viewStart: day, locale: 'en', zoom: 'day', snapMin: 15 });

const frames: number[] = [];
let firstPaintMs = -1;
let loadedAt = 0;
const ready = new Promise<void>((resolve) => {
  const onFrame = (ms: number) => {
    frames.push(ms);
    if (firstPaintMs < 0 && loadedAt > 0) {
      firstPaintMs = performance.now() - loadedAt;
      resolve();
    }
  };
  loadedAt = performance.now();
  store.getState().applySnapshot(snapshot);
  createRoot(document.getElementById('root')!).render(
    <ActionsContext.Provider value={new ConsoleActions(benchGateway(), store)}>
      <Board onFrame={onFrame} />
    </ActionsContext.Provider>,
  );
});

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));

/** Work per frame: our handlers (measured around the synchronous dispatch) plus the board's paint of that frame. */
async function measure(steps: number, step: (i: number) => void): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const before = frames.length;
    const t = performance.now();
    step(i);
    const handler = performance.now() - t;
    await nextFrame();
    await nextFrame();
    const painted = frames.slice(before).reduce((a, b) => a + b, 0);
    out.push(handler + painted);
  }
  return out;
}

const scroller = () => document.querySelector<HTMLDivElement>('[data-testid="board"]')!;
const canvas = () => document.querySelector<HTMLCanvasElement>('.board-canvas')!;

Object.assign(window, {
  bench: {
    ready: ready.then(() => ({ firstPaintMs, generateMs, engineers, orders: snapshot.orders.length })),
    async scroll(steps: number) {
      scroller().scrollLeft = 0;
      await nextFrame();
      return measure(steps, (i) => {
        scroller().scrollTop += 37;
        if (i % 5 === 0) scroller().scrollLeft += 25;
      });
    },
    async drag(steps: number) {
      const sc = scroller();
      sc.scrollTop = 0;
      sc.scrollLeft = 0;
      await nextFrame();
      await nextFrame();
      const box = canvas().getBoundingClientRect();
      const scale = scaleFor('day', day, sc.clientWidth - NAMES_WIDTH, 'Asia/Shanghai');
      // The first engineer's first bar starts at 07:00.
      const x = box.left + NAMES_WIDTH + timeToX(scale, day + 7 * 3_600_000) + 12;
      const y = box.top + AXIS_HEIGHT + TEAM_ROW_HEIGHT + ENGINEER_ROW_HEIGHT / 2;
      const fire = (type: string, cx: number, cy: number) =>
        canvas().dispatchEvent(
          new PointerEvent(type, { clientX: cx, clientY: cy, bubbles: true, pointerId: 1, button: 0, isPrimary: true }),
        );
      fire('pointerdown', x, y);
      const samples = await measure(steps, (i) => fire('pointermove', x + i * 6, y + Math.floor(i / 4) * 3));
      fire('pointerup', x + steps * 6, y);
      return samples;
    },
  },
});

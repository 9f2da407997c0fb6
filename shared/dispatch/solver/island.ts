// The island model's meeting point: one best plan in shared memory that searches running side by side (worker
// threads, each with its own seed) offer theirs to and take a better one from. Pure: a SharedArrayBuffer and Atomics
// only, so any host with threads can use it. Nobody ever waits on the lock: a search that finds it taken skips that
// exchange and tries again at the next one.
import type { CompiledModel } from './compile.js';
import type { PlanSnapshot } from './plan.js';
import { compareClasses, restOf } from './priority.js';
import type { SearchExchange } from './search.js';

// Int32 header: lock, version (0 = empty), writer's index.
const LOCK = 0;
const VERSION = 1;
const WRITER = 2;
const HEADER_BYTES = 16;

function layout(cm: CompiledModel): { scoreLength: number; dataOffset: number; bytes: number } {
  const scoreLength = cm.nClasses + 1;
  const dataOffset = HEADER_BYTES + 8 * scoreLength;
  return { scoreLength, dataOffset, bytes: dataOffset + 4 * (cm.nVehicles + cm.nJobs) };
}

/** The shared memory for the best plan of a model (pass it to every search of the same model). */
export function createBestBoard(cm: CompiledModel): SharedArrayBuffer {
  return new SharedArrayBuffer(layout(cm).bytes);
}

/** True when score a is strictly better than b (classes first, then the rest). */
export function betterScore(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const x = Float64Array.from(a);
  const y = Float64Array.from(b);
  const byClass = compareClasses(x, y);
  return byClass < 0 || (byClass === 0 && restOf(x) < restOf(y) - 1e-9 * Math.max(1, Math.abs(restOf(y))));
}

/** Search `me`'s view of the board: offers its best and takes a strictly better one written by another search. */
export function boardExchange(
  cm: CompiledModel,
  board: SharedArrayBuffer,
  me: number,
  intervalMs: number,
): SearchExchange {
  const { scoreLength, dataOffset, bytes } = layout(cm);
  if (board.byteLength !== bytes) throw new Error(`the best-plan board holds ${board.byteLength} bytes, not ${bytes}`);
  const head = new Int32Array(board, 0, HEADER_BYTES / 4);
  const score = new Float64Array(board, HEADER_BYTES, scoreLength);
  const data = new Int32Array(board, dataOffset);
  const mine = new Float64Array(scoreLength);
  return {
    intervalMs,
    share(bestScore: Float64Array, best: PlanSnapshot): PlanSnapshot | null {
      if (Atomics.compareExchange(head, LOCK, 0, 1) !== 0) return null;
      try {
        const empty = Atomics.load(head, VERSION) === 0;
        mine.set(bestScore);
        if (empty || betterScore(mine, score)) {
          score.set(mine);
          let k = 0;
          for (const route of best.routes) {
            data[k++] = route.length;
            data.set(route, k);
            k += route.length;
          }
          Atomics.store(head, WRITER, me);
          Atomics.add(head, VERSION, 1);
          return null;
        }
        if (Atomics.load(head, WRITER) === me || !betterScore(score, mine)) return null;
        const routes: Int32Array[] = [];
        const placed = new Uint8Array(cm.nJobs);
        let k = 0;
        for (let v = 0; v < cm.nVehicles; v++) {
          const n = data[k++]!;
          const route = data.slice(k, k + n);
          for (const j of route) placed[j] = 1;
          routes.push(route);
          k += n;
        }
        const unassigned: number[] = [];
        for (let j = 0; j < cm.nJobs; j++) if (!placed[j]) unassigned.push(j);
        return { routes, unassigned };
      } finally {
        Atomics.store(head, LOCK, 0);
      }
    },
  };
}

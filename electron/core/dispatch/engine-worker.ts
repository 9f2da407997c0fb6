// The engine's worker thread: holds the loaded planning day and runs operations on it one at a time, off the thread
// that asked. Long runs report progress and stop when core sets the shared cancel flag to their id.
import { parentPort, workerData } from 'node:worker_threads';
import { buildDispatchState, type DispatchState } from '../../../shared/dispatch/index.js';
import { OsrmRouter } from '../routing/osrm.js';
import { firstDayOnRoads, prepareTravel, runOperation } from './operations.js';
import { ToWorker, WorkerSetup, type FromWorker } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('the engine worker must run in a worker thread');
const setup = WorkerSetup.parse(workerData);
const cancelFlag = new Int32Array(setup.cancelFlag);
const router = setup.osrmUrl ? new OsrmRouter({ url: setup.osrmUrl }) : null;
let state: DispatchState | null = null;
const skipped = new Set<number>();
let queue: Promise<void> = Promise.resolve();

const post = (msg: FromWorker) => port.postMessage(msg);

async function handle(msg: Exclude<ToWorker, { type: 'cancel' }>): Promise<void> {
  if (msg.type === 'load') {
    state = buildDispatchState(msg.day);
    post({ type: 'loaded', id: msg.id, engineers: state.engineers.length, queue: state.queue.length });
    return;
  }
  if (skipped.delete(msg.id)) {
    post({ type: 'error', id: msg.id, message: 'cancelled before it started', cancelled: true });
    return;
  }
  const id = msg.id;
  if (msg.request.op === 'firstDayFor') {
    // Answered from the days sent with it: the loaded day stays loaded for the questions about it.
    post({ type: 'result', id, result: { op: 'firstDayFor', value: await firstDayOnRoads(msg.request, router) } });
    return;
  }
  if (!state) throw new Error('no planning day is loaded');
  await prepareTravel(state, msg.request, router);
  const result = runOperation(state, msg.request, {
    shouldStop: () => Atomics.load(cancelFlag, 0) === id,
    onProgress: (progress) => post({ type: 'progress', id, progress }),
  });
  post({ type: 'result', id, result });
}

port.on('message', (raw: unknown) => {
  const parsed = ToWorker.safeParse(raw);
  if (!parsed.success) {
    const id = typeof raw === 'object' && raw && 'id' in raw && typeof raw.id === 'number' && raw.id >= 1 ? raw.id : 1;
    post({
      type: 'error',
      id,
      message: `bad request: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      cancelled: false,
    });
    return;
  }
  const msg = parsed.data;
  if (msg.type === 'cancel') {
    skipped.add(msg.id);
    return;
  }
  queue = queue
    .then(() => handle(msg))
    .catch((err: unknown) =>
      post({ type: 'error', id: msg.id, message: (err as Error).message ?? String(err), cancelled: false }),
    )
    .finally(() => skipped.delete(msg.id));
});

// Core's handle on the dispatch engine: two worker threads, one for the quick questions the board asks while a
// dispatcher drags (candidates, drop verdicts, emergencies) and one for the long searches (auto-dispatch,
// re-sequencing), so a ten-second search never holds up a drag. Every answer is checked against its schema.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkOrder } from '../../../shared/domain/index.js';
import type {
  CandidateList,
  DispatchDay,
  DispatchDays,
  DispatchScope,
  DropVerdict,
  EngineProgress,
  LaterDay,
  ObjectiveMode,
  Proposal,
} from '../../../shared/dispatch/index.js';
import { osrmUrlFromEnv } from '../routing/osrm.js';
import { FromWorker, type EngineRequest, type EngineResult, type ToWorker } from './protocol.js';

/** A long engine run: its result, and a way to stop it early (it then answers with the best plan so far). */
export interface EngineRun<T> {
  result: Promise<T>;
  cancel(): void;
}

interface Pending {
  resolve: (value: EngineResult | { engineers: number; queue: number }) => void;
  reject: (err: Error) => void;
  onProgress?: ((p: EngineProgress) => void) | undefined;
}

/** One worker thread with its queue of questions. */
class WorkerLane {
  private readonly worker: Worker;
  private readonly flag: Int32Array;
  private readonly pending = new Map<number, Pending>();
  private closed: Error | null = null;

  constructor(
    url: URL,
    osrmUrl: string | null,
    private readonly nextId: () => number,
  ) {
    const cancelFlag = new SharedArrayBuffer(4);
    this.flag = new Int32Array(cancelFlag);
    this.worker = new Worker(url, { workerData: { cancelFlag, osrmUrl } });
    this.worker.on('message', (raw: unknown) => this.receive(raw));
    this.worker.on('error', (err) => this.fail(new Error(`the dispatch engine stopped: ${err.message}`)));
    this.worker.on('exit', (code) => this.fail(new Error(`the dispatch engine exited (code ${code})`)));
  }

  private receive(raw: unknown): void {
    const parsed = FromWorker.safeParse(raw);
    if (!parsed.success) {
      this.fail(new Error(`the dispatch engine sent a malformed answer: ${parsed.error.issues[0]?.message ?? ''}`));
      return;
    }
    const msg = parsed.data;
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.progress);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.type === 'error') p.reject(Object.assign(new Error(msg.message), { cancelled: msg.cancelled }));
    else if (msg.type === 'loaded') p.resolve({ engineers: msg.engineers, queue: msg.queue });
    else p.resolve(msg.result);
  }

  private fail(err: Error): void {
    if (this.closed) return;
    this.closed = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  send<T>(
    build: (id: number) => ToWorker,
    onProgress?: (p: EngineProgress) => void,
  ): { id: number; promise: Promise<T> } {
    const id = this.nextId();
    if (this.closed) return { id, promise: Promise.reject(this.closed) };
    const promise = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject, onProgress });
    });
    this.worker.postMessage(build(id));
    return { id, promise };
  }

  cancel(id: number): void {
    if (!this.pending.has(id)) return;
    Atomics.store(this.flag, 0, id);
    this.worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
  }

  async dispose(): Promise<void> {
    this.fail(new Error('the dispatch engine was shut down'));
    await this.worker.terminate();
  }
}

/** Where the worker's code lives: the TypeScript sources through their loader, or a bundled sibling file. */
function defaultWorkerUrl(): URL {
  // A bundled build says where it put the worker.
  const bundled = process.env.DISPATCH_ENGINE_WORKER;
  if (bundled) return pathToFileURL(bundled);
  // A CommonJS bundle has no module URL: it must say where it put the worker.
  if (typeof import.meta.url !== 'string') throw new Error('DispatchClient needs workerUrl in this build');
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('.ts') ? new URL('./engine-worker.mjs', here) : new URL('./engine-worker.js', here);
}

/** The typed, off-thread dispatch engine for core. Load a day, ask questions, dispose when done. */
export class DispatchClient {
  private id = 0;
  private readonly quick: WorkerLane;
  private readonly search: WorkerLane;

  constructor(options: { osrmUrl?: string | null; workerUrl?: URL } = {}) {
    const url = options.workerUrl ?? defaultWorkerUrl();
    const osrm = options.osrmUrl === undefined ? osrmUrlFromEnv() : options.osrmUrl;
    const next = () => ++this.id;
    this.quick = new WorkerLane(url, osrm, next);
    this.search = new WorkerLane(url, osrm, next);
  }

  /** Loads (or reloads) the planning day both workers answer from. */
  async load(day: DispatchDay): Promise<{ engineers: number; queue: number }> {
    const send = (lane: WorkerLane) =>
      lane.send<{ engineers: number; queue: number }>((id) => ({ type: 'load', id, day })).promise;
    const [a] = await Promise.all([send(this.quick), send(this.search)]);
    return a;
  }

  private async ask<T>(lane: WorkerLane, request: EngineRequest): Promise<T> {
    const result = await lane.send<EngineResult>((id) => ({ type: 'run', id, request })).promise;
    return result.value as T;
  }

  private run(request: EngineRequest, onProgress?: (p: EngineProgress) => void): EngineRun<Proposal> {
    const { id, promise } = this.search.send<EngineResult>((mid) => ({ type: 'run', id: mid, request }), onProgress);
    return { result: promise.then((r) => r.value as Proposal), cancel: () => this.search.cancel(id) };
  }

  /** Every engineer for the order, best slot first, each rule's verdict and the cost delta. */
  rankCandidates(orderId: string, order?: WorkOrder): Promise<CandidateList> {
    return this.ask(this.quick, { op: 'rankCandidates', orderId, ...(order ? { order } : {}) });
  }

  /** The verdicts and cost delta of dropping the order on an engineer at a time (board drag hover). */
  verdictFor(orderId: string, engineerId: string, start: number, order?: WorkOrder): Promise<DropVerdict> {
    return this.ask(this.quick, { op: 'verdictFor', orderId, engineerId, start, ...(order ? { order } : {}) });
  }

  /**
   * The first of the days sent on which someone can take the order, with its earliest slot (null: nobody on any):
   * one question, answered from those days, built once each as far as needed; the loaded day is left as it is.
   */
  firstDayFor(order: WorkOrder, input: DispatchDays): Promise<LaterDay | null> {
    return this.ask(this.quick, { op: 'firstDayFor', order, input });
  }

  /** Places an urgent order soonest, bumping lower-priority work with a reason each. */
  insertEmergency(orderId: string, order?: WorkOrder): Promise<Proposal> {
    return this.ask(this.quick, { op: 'insertEmergency', orderId, ...(order ? { order } : {}) });
  }

  /** Plans the queue within a budget; the same seed and budget give the same proposal. */
  autoDispatch(
    scope: DispatchScope,
    budgetMs: number,
    seed: number,
    onProgress?: (p: EngineProgress) => void,
    objective?: ObjectiveMode,
  ): EngineRun<Proposal> {
    return this.run({ op: 'autoDispatch', scope, budgetMs, seed, ...(objective ? { objective } : {}) }, onProgress);
  }

  /** Re-orders one engineer's day. */
  resequenceDay(
    engineerId: string,
    budgetMs = 300,
    seed = 1,
    onProgress?: (p: EngineProgress) => void,
  ): EngineRun<Proposal> {
    return this.run({ op: 'resequenceDay', engineerId, budgetMs, seed }, onProgress);
  }

  /** Stops both workers; pending questions are rejected. */
  async dispose(): Promise<void> {
    await Promise.all([this.quick.dispose(), this.search.dispose()]);
  }
}

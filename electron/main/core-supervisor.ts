import { utilityProcess, type UtilityProcess } from 'electron';
import { CallResult, EventMessage, errorResult, type CallRequest } from '../../shared/ipc/index.js';
import type { CoreConfig } from '../core/api/config.js';
import type { CoreLifecycle, ToCore } from '../core/process/messages.js';
import type { CoreLink } from './core-link.js';

/*
 * Core runs in its own utility process, not in main. better-sqlite3 is synchronous: a pull that resets 20,000 orders
 * or a rebase of a long outbox holds its thread for tens to hundreds of milliseconds, which in main would freeze
 * window moves, menus and every IPC reply. In a utility process it blocks only core, a crash there leaves the window
 * standing while core restarts, and main stays the small relay it should be.
 */

const RESTART_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

/** The core process as main sees it: started, restarted if it dies, stopped on quit. */
export class CoreProcess implements CoreLink {
  private child: UtilityProcess | null = null;
  private readonly pending = new Map<number, { resolve(r: CallResult): void; callerId: number }>();
  private readonly listeners = new Set<(m: EventMessage) => void>();
  private nextId = 1;
  private restarts = 0;
  private stopping = false;
  private ready = false;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly modulePath: string,
    private readonly config: CoreConfig,
    private readonly log: (message: string) => void,
  ) {}

  /** Starts core; resolves once it has opened its data, rejects if it cannot. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = utilityProcess.fork(this.modulePath, [], {
        serviceName: 'Dispatch Console core',
        stdio: 'inherit',
      });
      this.child = child;
      child.on('message', (message: unknown) => {
        const lifecycle = message as CoreLifecycle;
        if (lifecycle?.type === 'ready') {
          this.ready = true;
          this.restarts = 0;
          resolve();
        } else if (lifecycle?.type === 'failed') reject(new Error(`core could not start: ${lifecycle.message}`));
        else this.receive(message);
      });
      child.on('exit', (code) => this.exited(child, code, reject));
      this.post({ type: 'init', config: this.config });
    });
  }

  call(request: CallRequest): Promise<CallResult> {
    if (!this.child || !this.ready)
      return Promise.resolve(errorResult(request.id, 'unavailable', 'core is restarting; try again in a moment'));
    // Each window numbers its own calls; core sees main's numbers, and the answer goes back under the caller's.
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, callerId: request.id });
      this.post({ ...request, id });
    });
  }

  onEvent(listener: (message: EventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks core to close its database cleanly; kills it if it has not gone in time. */
  async stop(timeoutMs = 5_000): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => (child.kill(), resolve()), timeoutMs);
      child.once('exit', () => (clearTimeout(timer), resolve()));
      this.post({ type: 'shutdown' });
    });
  }

  private post(message: ToCore): void {
    this.child?.postMessage(message);
  }

  private receive(message: unknown): void {
    const result = CallResult.safeParse(message);
    if (result.success) {
      const waiting = this.pending.get(result.data.id);
      if (!waiting) return;
      this.pending.delete(result.data.id);
      waiting.resolve({ ...result.data, id: waiting.callerId });
      return;
    }
    const event = EventMessage.safeParse(message);
    if (event.success) for (const l of this.listeners) l(event.data);
    else this.log('core sent a message outside the protocol');
  }

  private exited(child: UtilityProcess, code: number, rejectStart: (e: Error) => void): void {
    if (this.child !== child) return;
    this.child = null;
    this.ready = false;
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      waiting.resolve(errorResult(waiting.callerId, 'unavailable', 'core stopped during the call; it is restarting'));
    }
    rejectStart(new Error(`core exited with code ${code} before it was ready`));
    if (this.stopping) return;
    const delay = RESTART_DELAYS_MS[Math.min(this.restarts, RESTART_DELAYS_MS.length - 1)]!;
    this.restarts += 1;
    this.log(`core exited with code ${code}; restarting in ${delay} ms`);
    this.restartTimer = setTimeout(() => {
      this.start().catch((err: Error) => this.log(err.message));
    }, delay);
  }
}

import { io, type Socket } from 'socket.io-client';
import type { WorkOrder } from '../../shared/domain/index.js';
import {
  contactShown,
  DeviceView,
  deviceReadsOrder,
  jobOf,
  PROTOCOL_VERSION,
  PullResult,
  SCHEMA_VERSION,
  type ClientToServerEvents,
  type Reply,
  type ServerToClientEvents,
} from '../../shared/sync/index.js';

type DeviceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** JSON with object keys sorted, so equal records compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * An engineer's device that must see only its own (shared/sync/reads.ts): it pulls on connect and on every poke into a
 * DeviceView and notes, as a violation, anything the server sends it that is not its own — another engineer, a job
 * booked to someone else, a console's order or the policy, a customer's contact on a finished job, an event of no job
 * it holds.
 */
export class DeviceClient {
  readonly view = new DeviceView();
  readonly violations: string[] = [];
  readonly socket: DeviceSocket;
  pulls = 0;
  private cursor: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    url: string,
    token: string,
    clientId: string,
    readonly engineerId: string,
  ) {
    this.socket = io(url, {
      auth: { token, clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION },
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 500,
      forceNew: true,
    });
    // A pull cut short by a lost connection is tried again on the next connect or poke, or by settle().
    this.socket.on('connect', () => void this.sync().catch(() => {}));
    this.socket.on('poke', () => void this.sync().catch(() => {}));
  }

  /** Resolves once connected. */
  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (err) => reject(err));
    });
  }

  /** Pulls until the server has nothing more; one pull at a time, pokes meanwhile folded into one more. */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pullAll();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /**
   * Syncs until a pull ends with nothing left, retrying through cut connections, within `attempts` tries. Each try
   * waits for the socket to be connected (the event, not a clock: a server restarting on a busy machine may take
   * longer than any fixed wait), so the bound counts failed connections and pulls.
   */
  async settle(attempts = 200): Promise<void> {
    let last = 'never connected';
    for (let i = 0; i < attempts; i++) {
      const done = await this.connected().then(
        () =>
          this.sync().then(
            () => true,
            (err: Error) => ((last = err.message), false),
          ),
        (err: Error) => ((last = `could not connect: ${err.message}`), false),
      );
      if (done) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`device ${this.engineerId} could not finish a pull (last: ${last})`);
  }

  /**
   * Checks the view against the server's orders at `now`: exactly the jobs its engineer reads, as it reads them, and
   * events of those jobs only. Returns what differs.
   */
  compare(serverOrders: Iterable<WorkOrder>, now: number): string[] {
    const out: string[] = [];
    const expected = new Map<string, WorkOrder>();
    for (const o of serverOrders) if (deviceReadsOrder(o, this.engineerId, now)) expected.set(o.id, o);
    this.view.forget(now);
    for (const [id, o] of expected) {
      const job = this.view.jobs.get(id);
      if (!job) out.push(`device ${this.engineerId} lacks its job ${o.code}`);
      else if (canonical(job) !== canonical(jobOf(o)))
        out.push(`device ${this.engineerId} holds ${o.code} unlike the server's`);
    }
    for (const [id, job] of this.view.jobs)
      if (!expected.has(id)) out.push(`device ${this.engineerId} still holds ${job.code}, no longer its job`);
    for (const ev of this.view.events.values())
      if (!this.view.jobs.has(ev.orderId))
        out.push(`device ${this.engineerId} holds an event of ${ev.orderId}, not one of its jobs`);
    return out;
  }

  close(): void {
    this.socket.disconnect();
  }

  private async pullAll(): Promise<void> {
    for (let page = 0; page < 10_000; page++) {
      const reply = await this.request({ cursor: this.cursor, resultsAfter: 0 });
      if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
      const parsed = PullResult.safeParse(reply.value);
      if (!parsed.success) {
        this.violations.push(`device ${this.engineerId} got a page it does not understand`);
        return;
      }
      this.check(parsed.data);
      this.view.apply(parsed.data);
      this.cursor = parsed.data.cursor;
      this.pulls += 1;
      if (!parsed.data.more) return;
    }
  }

  private check(page: PullResult): void {
    const me = this.engineerId;
    for (const c of page.changes) {
      switch (c.entity) {
        case 'engineer':
          if (c.value.id !== me) this.violations.push(`device ${me} was sent engineer ${c.value.id}`);
          break;
        case 'job': {
          const job = c.value;
          if (job.booking?.engineerId !== me)
            this.violations.push(`device ${me} was sent ${job.code}, booked to ${job.booking?.engineerId ?? 'nobody'}`);
          const contact = [job.customer.name, job.customer.phone, job.site.address];
          if (contactShown(job) && contact.some((x) => x === undefined))
            this.violations.push(`device ${me} was sent ${job.code}, still to do, without its customer's contact`);
          if (!contactShown(job) && contact.some((x) => x !== undefined))
            this.violations.push(`device ${me} was sent the customer's contact of ${job.code}, ${job.status}`);
          break;
        }
        case 'order':
        case 'policy':
          this.violations.push(`device ${me} was sent a console's ${c.entity} ${c.value.id}`);
          break;
        case 'event':
        case 'removed':
          break;
      }
    }
  }

  private request(payload: unknown): Promise<Reply<unknown>> {
    return new Promise((resolve, reject) => {
      const timed = this.socket.timeout(5_000) as unknown as {
        emit(e: string, p: unknown, ack: (err: Error | null, r: Reply<unknown>) => void): void;
      };
      timed.emit('pull', payload, (err, reply) => (err ? reject(err) : resolve(reply)));
    });
  }
}

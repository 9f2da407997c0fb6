import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  MutationEnvelope,
  PullResult,
  PushResult,
  Reply,
  ServerToClientEvents,
} from './load-types.js';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../shared/sync/index.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LoadOptions {
  /** Node URLs; clients are spread over them in turn, as a balancer would. */
  urls: string[];
  tokens: Record<string, { token: string; role: string; engineerId: string | null }>;
  consoles: number;
  engineers: number;
  /** Mutations per push from each console. */
  batch: number;
  /**
   * Offered load in mutations per second over all consoles, each console pushing on a steady clock; 0 runs a closed
   * loop (the next push leaves as soon as the last is acknowledged) to find the peak.
   */
  rate: number;
  warmupMs: number;
  durationMs: number;
  label: string;
}

export interface LoadResult {
  label: string;
  offeredPerSecond: number | 'max';
  nodes: number;
  consoles: number;
  engineers: number;
  appliedPerSecond: number;
  pushToAckMs: { p50: number; p99: number };
  toOtherConsoleMs: { p50: number; p99: number };
  positionsSent: number;
  probes: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

async function connect(url: string, token: string, clientId: string): Promise<Client> {
  const socket: Client = io(url, {
    auth: { token, clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (e) => reject(e));
  });
  return socket;
}

function request<T>(socket: Client, event: 'push' | 'pull', payload: unknown): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const timed = socket.timeout(30_000) as unknown as {
      emit(e: string, p: unknown, ack: (err: Error | null, r: Reply<T>) => void): void;
    };
    timed.emit(event, payload, (err, reply) => (err ? reject(err) : resolve(reply)));
  });
}

/**
 * Consoles push mutations in a closed loop while engineers' devices report positions at 1 Hz; a probe console writes
 * a marked note every 100 ms and an observer console on another node measures how long until it has pulled it.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const people = Object.entries(o.tokens).filter(([, t]) => t.role === 'dispatcher' || t.role === 'supervisor');
  const devices = Object.entries(o.tokens)
    .filter(([, t]) => t.role === 'device')
    .slice(0, o.engineers);
  if (devices.length < o.engineers)
    throw new Error(`the server has ${devices.length} engineers, the bench needs ${o.engineers}`);
  const run = `${o.label.replace(/\W/g, '')}${Date.now().toString(36)}`;
  let next = 0;
  const url = () => o.urls[next++ % o.urls.length]!;

  const consoles: Client[] = [];
  for (let i = 0; i < o.consoles; i++)
    consoles.push(await connect(url(), people[i % people.length]![1].token, `b-${run}-c${i}`));
  const probe = await connect(o.urls[0]!, people[0]![1].token, `b-${run}-probe`);
  const observer = await connect(o.urls[o.urls.length - 1]!, people[1 % people.length]![1].token, `b-${run}-obs`);
  const phones: Client[] = [];
  for (const [, d] of devices) phones.push(await connect(url(), d.token, `b-${run}-d${phones.length}`));

  // The orders to write notes on, from one snapshot.
  const first = await request<PullResult>(observer, 'pull', { cursor: null, resultsAfter: 0 });
  if (!first.ok) throw new Error(first.error.message);
  const orderIds: string[] = [];
  let cursor = first.value.cursor;
  let more = first.value.more;
  for (const c of first.value.changes) if (c.entity === 'order') orderIds.push(c.value.id);
  while (more) {
    const page = await request<PullResult>(observer, 'pull', { cursor, resultsAfter: 0 });
    if (!page.ok) throw new Error(page.error.message);
    for (const c of page.value.changes) if (c.entity === 'order') orderIds.push(c.value.id);
    cursor = page.value.cursor;
    more = page.value.more;
  }

  let measuring = false;
  let stopping = false;
  let applied = 0;
  let errors = 0;
  const acks: number[] = [];
  const propagation: number[] = [];
  const probesSent = new Map<string, number>();

  // Observer: pull on every poke, look for probe notes.
  let pulling = false;
  let again = false;
  const pullNow = async () => {
    if (pulling) {
      again = true;
      return;
    }
    pulling = true;
    try {
      do {
        again = false;
        for (;;) {
          const page = await request<PullResult>(observer, 'pull', { cursor, resultsAfter: 0 }).catch(() => null);
          if (!page?.ok) break;
          const at = performance.now();
          for (const c of page.value.changes) {
            if (c.entity !== 'event' || c.value.kind !== 'note_added') continue;
            const text = String(c.value.data.text ?? '');
            const sent = probesSent.get(text);
            if (sent !== undefined) {
              if (measuring) propagation.push(at - sent);
              probesSent.delete(text);
            }
          }
          cursor = page.value.cursor;
          if (!page.value.more) break;
        }
      } while (again);
    } finally {
      pulling = false;
    }
  };
  observer.on('poke', () => void pullNow());
  await new Promise<void>((resolve) => observer.emit('watch', { teams: 'all' }, () => resolve()));

  const interval = o.rate > 0 ? (o.batch * o.consoles * 1000) / o.rate : 0;
  const loop = async (socket: Client, index: number) => {
    let id = 0;
    let due = performance.now() + (interval * index) / o.consoles;
    while (!stopping) {
      if (interval > 0) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        due += interval;
      }
      const mutations: MutationEnvelope[] = [];
      for (let k = 0; k < o.batch; k++) {
        id += 1;
        mutations.push({
          id,
          name: 'addNote',
          args: { orderId: orderIds[(index * 7919 + id) % orderIds.length]!, text: `load ${id}` },
          createdAt: Date.now(),
        });
      }
      const sent = performance.now();
      try {
        const reply = await request<PushResult>(socket, 'push', { mutations });
        if (!reply.ok) errors += 1;
        else if (measuring) {
          acks.push(performance.now() - sent);
          applied += reply.value.results.filter((r) => r.status === 'applied').length;
        }
      } catch {
        errors += 1;
      }
    }
  };
  const probeLoop = async () => {
    let id = 0;
    while (!stopping) {
      id += 1;
      const text = `probe ${run} ${id}`;
      probesSent.set(text, performance.now());
      await request(probe, 'push', {
        mutations: [
          { id, name: 'addNote', args: { orderId: orderIds[id % orderIds.length]!, text }, createdAt: Date.now() },
        ],
      }).catch(() => (errors += 1));
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  let positionsSent = 0;
  const positionTimer = setInterval(() => {
    const now = Date.now();
    phones.forEach((p, i) => {
      // Stagger over the second, as real devices would.
      setTimeout(
        () => {
          p.emit('position', {
            lat: 31.1 + ((i * 37) % 100) / 400 + Math.random() * 0.001,
            lon: 121.3 + ((i * 53) % 100) / 300,
            heading: (i * 7) % 360,
            speed: 8,
            at: now,
          });
          if (measuring) positionsSent += 1;
        },
        (i * 997) % 1000,
      );
    });
  }, 1000);

  const loops = [...consoles.map((c, i) => loop(c, i)), probeLoop()];
  await new Promise((r) => setTimeout(r, o.warmupMs));
  measuring = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, o.durationMs));
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  stopping = true;
  clearInterval(positionTimer);
  await Promise.all(loops);
  for (const s of [...consoles, probe, observer, ...phones]) s.disconnect();

  acks.sort((a, b) => a - b);
  propagation.sort((a, b) => a - b);
  return {
    label: o.label,
    offeredPerSecond: o.rate > 0 ? o.rate : 'max',
    nodes: o.urls.length,
    consoles: o.consoles,
    engineers: o.engineers,
    appliedPerSecond: Math.round(applied / seconds),
    pushToAckMs: { p50: round(percentile(acks, 50)), p99: round(percentile(acks, 99)) },
    toOtherConsoleMs: { p50: round(percentile(propagation, 50)), p99: round(percentile(propagation, 99)) },
    positionsSent,
    probes: propagation.length,
    errors,
  };
}

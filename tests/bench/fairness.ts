import { setPriority } from 'node:os';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../shared/sync/index.js';
import { Proc } from '../support/processes.testing.js';
import { FLOOD_VARIANTS, type FloodVariant } from './flood-variants.js';
import type { ClientToServerEvents, PullResult, PushResult, Reply, ServerToClientEvents } from './load-types.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface FairnessOptions {
  url: string;
  /** The honest console's token and the flooding user's (another dispatcher). */
  honestToken: string;
  flooderToken: string;
  /** The bundled flooder (tests/bench/flooder.ts). */
  flooderBin: string;
  sockets: number;
  measureMs: number;
  /** The flooder's CPU niceness: 19 stands in for a flood from another machine, 0 shares this one as an equal. */
  flooderNice: number;
  variants?: readonly FloodVariant[];
}

export interface FairnessRow {
  variant: FloodVariant;
  quietP50Ms: number;
  floodP50Ms: number;
  floodP99Ms: number;
  ratio: number;
  pulls: number;
  /** Changes the honest console's pulls carried under the flood, p50 (valid work reaches every console). */
  floodChangesP50: number;
  flooderAnswers: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (x: number) => Math.round(x * 10) / 10;

function request<T>(socket: Client, event: 'push' | 'pull', payload: unknown): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const timed = socket.timeout(60_000) as unknown as {
      emit(e: string, p: unknown, ack: (err: Error | null, r: Reply<T>) => void): void;
    };
    timed.emit(event, payload, (err, reply) => (err ? reject(err) : resolve(reply)));
  });
}

/**
 * An honest console as a dispatcher runs it: every 100 ms it adds a note and pulls what changed since its cursor.
 * Returns how long each pull took to be answered. Runs for `ms`, or while `ms()` says go on.
 */
export async function honestPulls(socket: Client, state: HonestState, ms: number | (() => boolean)) {
  const took: number[] = [];
  const changes: number[] = [];
  const until = typeof ms === 'number' ? performance.now() + ms : 0;
  const going = typeof ms === 'number' ? () => performance.now() < until : ms;
  while (going()) {
    state.mutationId += 1;
    const pushed = await request<PushResult>(socket, 'push', {
      mutations: [
        {
          id: state.mutationId,
          name: 'addNote',
          args: { orderId: state.orderId, text: `honest ${state.mutationId}` },
          createdAt: Date.now(),
        },
      ],
    });
    if (!pushed.ok) throw new Error(`the honest console's push was refused: ${pushed.error.message}`);
    const sent = performance.now();
    const pulled = await request<PullResult>(socket, 'pull', { cursor: state.cursor, resultsAfter: state.mutationId });
    took.push(performance.now() - sent);
    if (!pulled.ok) throw new Error(`the honest console's pull was refused: ${pulled.error.message}`);
    changes.push(pulled.value.changes.length);
    state.cursor = pulled.value.cursor;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { took: took.sort((a, b) => a - b), changes: changes.sort((a, b) => a - b) };
}

/** An honest console's state: where it is in the change log, and the order it writes notes on. */
export interface HonestState {
  cursor: string;
  mutationId: number;
  orderId: string;
}

/** Connects an honest console and takes its first sync (the whole snapshot, page by page). */
export async function connectHonest(url: string, token: string): Promise<{ socket: Client; state: HonestState }> {
  const socket: Client = io(url, {
    auth: {
      token,
      clientId: `honest-${Date.now().toString(36)}`,
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
    },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  // The first sync: the whole snapshot, page by page; the order to write notes on comes from it.
  let cursor: string | null = null;
  let orderId: string | null = null;
  for (;;) {
    const page: Reply<PullResult> = await request<PullResult>(socket, 'pull', { cursor, resultsAfter: 0 });
    if (!page.ok) throw new Error(page.error.message);
    orderId ??= page.value.changes.find((c) => c.entity === 'order')?.value.id ?? null;
    cursor = page.value.cursor;
    if (!page.value.more) break;
  }
  if (!orderId) throw new Error('the server has no orders');
  return { socket, state: { cursor: cursor!, mutationId: 0, orderId } };
}

/**
 * Item 4 of the abuse report: one user's flood (several sockets, answers ignored) must not raise another console's
 * pull p50 above twice its quiet value. For each kind of flood, the honest console's pulls are timed with the server
 * quiet, then with the flooder running in a process of its own.
 */
export async function runFairness(o: FairnessOptions): Promise<FairnessRow[]> {
  const { socket, state } = await connectHonest(o.url, o.honestToken);
  const rows: FairnessRow[] = [];
  try {
    for (const variant of o.variants ?? FLOOD_VARIANTS) {
      const quiet = await honestPulls(socket, state, o.measureMs);
      const flooder = new Proc(o.flooderBin, [o.url, o.flooderToken, variant, String(o.sockets), state.orderId]);
      // The flood comes from elsewhere in real life: here it shares the machine, so its own work yields to the
      // server's and the console's rather than starving them of CPU (what is measured is the server's fairness).
      if (flooder.child.pid && o.flooderNice > 0) setPriority(flooder.child.pid, o.flooderNice);
      await flooder.waitFor(/^flooding$/, 30_000);
      await new Promise((r) => setTimeout(r, 1_000));
      const flood = await honestPulls(socket, state, o.measureMs);
      flooder.child.stdin!.end();
      const answers = await flooder.waitFor(/^\{/, 60_000).catch(() => '{}');
      await flooder.kill();
      // Quiet again once the flooder is gone: the quiet figure is taken on both sides of the flood.
      const after = await honestPulls(socket, state, o.measureMs);
      const quietTook = [...quiet.took, ...after.took].sort((a, b) => a - b);
      const quietP50 = percentile(quietTook, 50);
      const floodP50 = percentile(flood.took, 50);
      rows.push({
        variant,
        quietP50Ms: round(quietP50),
        floodP50Ms: round(floodP50),
        floodP99Ms: round(percentile(flood.took, 99)),
        ratio: round(floodP50 / quietP50),
        pulls: flood.took.length,
        floodChangesP50: percentile(flood.changes, 50),
        flooderAnswers: JSON.parse(answers) as Record<string, number>,
      });
    }
  } finally {
    socket.disconnect();
  }
  return rows;
}

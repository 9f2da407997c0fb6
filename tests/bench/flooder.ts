// A client that floods one server from several sockets of one user, ignoring every answer but the acknowledgement
// itself: started by the fairness bench in a process of its own, so its work does not slow the console it measures.
// node flooder.mjs URL TOKEN VARIANT SOCKETS ORDER_ID — prints `flooding` once every socket is connected, comes back
// when the server goes away, runs until stdin closes, then prints what it was answered.
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../shared/sync/index.js';
import { FLOOD_VARIANTS, type FloodVariant } from './flood-variants.js';

const [url, token, variantArg, socketsArg, orderId] = process.argv.slice(2);
const variant = variantArg as FloodVariant;
if (!url || !token || !orderId || !FLOOD_VARIANTS.includes(variant)) {
  console.error(`usage: flooder URL TOKEN (${FLOOD_VARIANTS.join('|')}) SOCKETS ORDER_ID`);
  process.exit(2);
}
/** Requests each socket keeps in flight: an abuser does not wait for one answer before sending the next. */
const WINDOW = 16;
const run = Date.now().toString(36);
const answers = new Map<string, number>();
let stopping = false;

function payload(nextId: () => number): unknown {
  const createdAt = Date.now();
  switch (variant) {
    case 'invalid':
      return { mutations: Array.from({ length: 200 }, (_, i) => ({ id: `x${i}`, name: 42, args: 'nothing' })) };
    case 'oversize':
      return {
        mutations: [{ id: nextId(), name: 'addNote', args: { orderId, text: 'x'.repeat(1_200_000) }, createdAt }],
      };
    case 'refused':
      return {
        mutations: Array.from({ length: 400 }, () => ({
          id: nextId(),
          name: 'addNote',
          args: { text: 'r'.repeat(1_900) },
          createdAt,
        })),
      };
    case 'valid':
      return {
        mutations: Array.from({ length: 500 }, () => {
          const id = nextId();
          return { id, name: 'addNote', args: { orderId, text: `flood ${id}` }, createdAt };
        }),
      };
  }
}

function connect(index: number, round: number): Promise<Socket | null> {
  const socket: Socket = io(url!, {
    auth: {
      token,
      clientId: `flood-${run}-${index}`,
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
    },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', () => {
      socket.close();
      if (round === 0) console.error(`flooder socket ${index} could not connect`);
      resolve(null);
    });
  });
}

/** One socket flooding; when the server goes away (restarted, or it closed the socket) it comes back. */
async function flood(index: number): Promise<void> {
  let id = 0;
  const nextId = () => ++id;
  for (let round = 0; !stopping; round++) {
    const socket = await connect(index, round);
    if (!socket) {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    if (round === 0) ready.push(index);
    if (ready.length === lanes.length && round === 0) console.log('flooding');
    const one = (): Promise<void> =>
      new Promise((resolve) => {
        socket.timeout(10_000).emit('push', payload(nextId), (err: Error | null, reply: unknown) => {
          const r = reply as { ok?: boolean; error?: { code?: string }; value?: { expected?: number } } | undefined;
          // Ids turned away left a gap: go on from where the server stands, so the flood stays real work.
          if (r?.value?.expected !== undefined) id = r.value.expected - 1;
          const kind = err
            ? 'unanswered'
            : r?.ok
              ? r.value?.expected !== undefined
                ? 'gap'
                : 'ok'
              : (r?.error?.code ?? 'other');
          answers.set(kind, (answers.get(kind) ?? 0) + 1);
          resolve();
        });
      });
    const lane = async () => {
      while (!stopping && socket.connected) await one();
    };
    await Promise.all(Array.from({ length: WINDOW }, lane));
    socket.disconnect();
  }
}

const ready: number[] = [];
// A running account, so a watcher knows what was answered even if the last line never comes.
setInterval(() => console.log(`answers ${JSON.stringify(Object.fromEntries(answers))}`), 1_000).unref();
const lanes: Array<Promise<void>> = [];
for (let i = 0; i < Number(socketsArg ?? 4); i++) lanes.push(flood(i));
process.stdin.on('end', () => (stopping = true));
process.stdin.resume();
await Promise.all(lanes);
// Written before exiting: a pipe takes its writes asynchronously, and exit() would drop what is still on its way.
process.stdout.write(`${JSON.stringify(Object.fromEntries(answers))}\n`, () => process.exit(0));

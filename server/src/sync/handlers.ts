import type { z } from 'zod';
import type { ProtocolError, Reply } from '../../../shared/sync/index.js';
import {
  BreadcrumbsRequest,
  PositionReport,
  PULL_PAGE_SIZE,
  PullRequest,
  PushRequest,
  WatchRequest,
  describeIssues,
  type ClientToServerEvents,
} from '../../../shared/sync/index.js';
import type { PositionTracker } from '../positions/tracker.js';
import type { PushOutcome, SyncStore, User } from '../store/types.js';
import { ROOMS, type Poker } from './pokes.js';
import { fail, parsedOrNothing, type ConsoleSocket, type RequestLine } from './requests.js';

/** Mutations of a push applied in one turn at the store; a larger push takes several, other users served between. */
export const PUSH_SLICE = 50;

/** What a handler works with: the server's parts and the connection it answers. */
export interface Connection {
  store: SyncStore;
  now: () => number;
  poker: Poker;
  positions: PositionTracker;
  socket: ConsoleSocket;
  /** Resolves once the connection has been greeted. */
  ready: Promise<void>;
  log: (message: string, err?: unknown) => void;
}

export type ClientEvent = keyof ClientToServerEvents;

/** What an event's acknowledgement carries when it succeeds. */
type Answer<E extends ClientEvent> =
  Parameters<NonNullable<Parameters<ClientToServerEvents[E]>[1]>>[0] extends Reply<infer T> ? T : never;

/**
 * One socket event's handler: the zod schema of its payload, who may send it, and the work.
 * - A `request` is acknowledged, waits its turn in the connection's line (rate limits, fair turns at the store), and
 *   is checked against the schema first, then against `forbidden`.
 * - A `report` (a device's position) is fire-and-forget, answered at once when it asks for an answer; `forbidden` is
 *   asked before its payload is read.
 */
interface EventHandler<E extends ClientEvent, S extends z.ZodType> {
  kind: 'request' | 'report';
  schema: S;
  /** Why this user may not send this (a role check), or null when they may. */
  forbidden?(user: User, payload: z.output<S> | undefined): string | null;
  run(cx: Connection, payload: z.output<S>, pass: () => Promise<void>): Promise<Answer<E>>;
}

function handler<E extends ClientEvent>() {
  return <S extends z.ZodType>(h: EventHandler<E, S>): EventHandler<E, z.ZodType> => h;
}

/** The sync server's socket events (DESIGN §4, §7), a handler each. */
export const HANDLERS: { [E in ClientEvent]: EventHandler<E, z.ZodType> } = {
  push: handler<'push'>()({
    kind: 'request',
    schema: PushRequest,
    async run(cx, req, pass) {
      const outcome = await applySliced(cx, req.mutations, pass);
      return {
        results: outcome.results,
        lastMutationId: outcome.lastMutationId,
        ...(outcome.expected !== undefined ? { expected: outcome.expected } : {}),
      };
    },
  }),

  pull: handler<'pull'>()({
    kind: 'request',
    schema: PullRequest,
    async run(cx, req) {
      const { clientId, principal } = cx.socket.data;
      return cx.store.pull(clientId, principal, req.cursor, req.resultsAfter, PULL_PAGE_SIZE, cx.now());
    },
  }),

  watch: handler<'watch'>()({
    kind: 'request',
    schema: WatchRequest,
    forbidden: (user) => (user.role === 'device' ? 'devices are told about their own work only' : null),
    async run({ socket }, req) {
      for (const room of socket.data.watching) await socket.leave(room);
      const rooms = req.teams === 'all' ? [ROOMS.allTeams] : req.teams.map(ROOMS.team);
      for (const room of rooms) await socket.join(room);
      socket.data.watching = rooms;
      return { rooms };
    },
  }),

  position: handler<'position'>()({
    kind: 'report',
    schema: PositionReport,
    forbidden: (user) =>
      user.role !== 'device' || !user.engineerId ? "only an engineer's device reports positions" : null,
    async run(cx, report) {
      await cx.ready;
      const refusedBecause = cx.positions.report(cx.socket.data.user.engineerId!, report);
      return { accepted: refusedBecause === null };
    },
  }),

  breadcrumbs: handler<'breadcrumbs'>()({
    kind: 'request',
    schema: BreadcrumbsRequest,
    forbidden: (user, req) =>
      user.role === 'device' && user.engineerId !== req?.engineerId
        ? "a device sees its own engineer's trail only"
        : null,
    async run(cx, req) {
      const points = await cx.store.breadcrumbs(req.engineerId, req.from, req.to, 20_000);
      return { engineerId: req.engineerId, points: points.map(({ engineerId: _e, ...p }) => p) };
    },
  }),
};

/** A push applied PUSH_SLICE mutations a turn, in order; a gap stops it as it would stop one whole batch. */
async function applySliced(
  cx: Connection,
  mutations: PushRequest['mutations'],
  pass: () => Promise<void>,
): Promise<PushOutcome> {
  const { clientId, principal } = cx.socket.data;
  const results: PushOutcome['results'] = [];
  let outcome: PushOutcome | null = null;
  for (let from = 0; from < mutations.length; from += PUSH_SLICE) {
    if (from > 0) await pass();
    outcome = await cx.store.applyPush(clientId, principal, mutations.slice(from, from + PUSH_SLICE), cx.now);
    cx.poker.add(outcome);
    results.push(...outcome.results);
    if (outcome.expected !== undefined) break;
  }
  return { ...outcome!, results };
}

type Listener = (received: unknown, ack?: unknown) => void;

/** Listens on every event of the table; requests go through the connection's line. */
export function listen(cx: Connection, line: RequestLine): void {
  for (const event of Object.keys(HANDLERS) as ClientEvent[]) {
    const h = HANDLERS[event] as EventHandler<ClientEvent, z.ZodType>;
    const listener: Listener =
      h.kind === 'request'
        ? (received, ack) =>
            line.serve(event, ack, received, async (payload, pass): Promise<Reply<unknown>> => {
              const req = h.schema.safeParse(payload);
              if (!req.success) return fail('bad_request', `${event}: ${describeIssues(req.error)}`);
              const refused = h.forbidden?.(cx.socket.data.user, req.data);
              if (refused) return fail('forbidden', refused);
              return { ok: true, value: await h.run(cx, req.data, pass) };
            })
        : (received, ack) => report(cx, event, h, received, ack);
    (cx.socket.on as (event: string, listener: Listener) => void).call(cx.socket, event, listener);
  }
}

/** A report: refused at once when its sender may not send it or it is malformed; otherwise run, answered if asked. */
function report(
  cx: Connection,
  event: ClientEvent,
  h: EventHandler<ClientEvent, z.ZodType>,
  received: unknown,
  ack: unknown,
): void {
  const reply = typeof ack === 'function' ? (ack as (r: Reply<unknown>) => void) : null;
  const refuse = (error: ProtocolError): void => {
    if (reply) reply({ ok: false, error });
    else cx.socket.emit('problem', error);
  };
  const refused = h.forbidden?.(cx.socket.data.user, undefined);
  if (refused) return refuse({ code: 'forbidden', message: refused });
  const parsed = h.schema.safeParse(parsedOrNothing(received));
  if (!parsed.success) return refuse({ code: 'bad_request', message: `${event}: ${describeIssues(parsed.error)}` });
  h.run(cx, parsed.data, () => Promise.resolve()).then(
    (value) => reply?.({ ok: true, value }),
    (err: unknown) => cx.log(`${event} from ${cx.socket.data.clientId} failed`, err),
  );
}

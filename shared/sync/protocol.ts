import { z } from 'zod';
import { Engineer, EpochMs, Id, OrderEvent, SlaPolicy, WorkOrder } from '../domain/index.js';
import { ReasonSchema } from '../dispatch/reasons.js';
import { Job, Removed } from './reads.js';
import { Role } from './roles.js';

/** Version of the wire protocol below; a client speaking another one is told to update. */
export const PROTOCOL_VERSION = 1;
/** Version of the data model the mutations and changes carry (domain schemas + mutation args). */
export const SCHEMA_VERSION = 1;

/**
 * Largest message a client may send: UTF-8 bytes of its JSON (`jsonBytes`), so a Chinese note weighs three bytes a
 * character. The server answers anything bigger with `too_large`; a console cuts its pushes to fit.
 */
export const MAX_MESSAGE_BYTES = 1_000_000;

/** UTF-8 bytes of a string: what it weighs on the wire, whatever its script (a CJK character is three bytes). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair: one character outside the BMP
      i += 1;
    } else bytes += 3; // the rest of the BMP, and a lone surrogate (sent as U+FFFD)
  }
  return bytes;
}

/** UTF-8 bytes of a value's JSON: how the server measures a message against MAX_MESSAGE_BYTES. */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value ?? null));
}

/** Bytes of a push around its mutations: `{"mutations":[` and `]}`. */
const PUSH_FRAME_BYTES = jsonBytes({ mutations: [] });

/** Bytes of a push carrying mutations of these sizes (each `jsonBytes` of its envelope), commas included. */
export function pushBytes(mutationBytes: readonly number[]): number {
  let total = PUSH_FRAME_BYTES + Math.max(0, mutationBytes.length - 1);
  for (const b of mutationBytes) total += b;
  return total;
}

/** Largest mutation (`jsonBytes` of its envelope) that fits a push on its own; a bigger one can never be sent. */
export const MAX_MUTATION_BYTES = MAX_MESSAGE_BYTES - PUSH_FRAME_BYTES;
/** Most mutations in one push. */
export const MAX_PUSH_MUTATIONS = 500;
/** Most changed records in one pull page. */
export const PULL_PAGE_SIZE = 2_000;

/** Why the server refused a message or a connection. */
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'token_expired',
  'forbidden',
  'update_required',
  'too_large',
  /** Too many requests, or too much refused work, too fast: `details.retryAfterMs` says when to try again. */
  'rate_limited',
  'unknown_event',
  'gap',
  'client_mismatch',
  'unavailable',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** A refusal a client can act on: the code for code, the message for people. */
export const ProtocolError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ProtocolError = z.infer<typeof ProtocolError>;

/** Data sent with the Socket.IO handshake (`auth`). */
export const Handshake = z.object({
  token: z.string().min(10).max(4096),
  clientId: Id,
  protocolVersion: z.number().int(),
  schemaVersion: z.number().int(),
});
export type Handshake = z.infer<typeof Handshake>;

/** Sent by the server once a connection is accepted. */
export const Session = z.object({
  userId: Id,
  name: z.string(),
  role: Role,
  engineerId: Id.nullable(),
  expiresAt: EpochMs,
  serverTime: EpochMs,
  /** Identifies the server's database; a cursor from another one is answered with a reset. */
  epoch: z.string(),
  /** The highest mutation id of this client the server has settled (applied or rejected). */
  lastMutationId: z.number().int().min(0),
  /** The control centre's IANA time zone, which consoles show times in unless the dispatcher chose another. */
  timeZone: z.string().min(1).max(64).optional(),
});
export type Session = z.infer<typeof Session>;

/** One named mutation as a client sends it. Args are validated by the mutator itself. */
export const MutationEnvelope = z.object({
  id: z.number().int().min(1),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  /** When the user acted, by the client's clock (kept in the audit trail; the server stamps its own time). */
  createdAt: EpochMs,
});
export type MutationEnvelope = z.infer<typeof MutationEnvelope>;

export const PushRequest = z.object({ mutations: z.array(MutationEnvelope).min(1).max(MAX_PUSH_MUTATIONS) });
export type PushRequest = z.infer<typeof PushRequest>;

/** Why a mutation was rejected for good. */
export const REJECTION_CODES = [
  'forbidden',
  'bad_args',
  'unknown_mutation',
  'not_found',
  'stale',
  'illegal_transition',
  'field_wins',
  'invalid',
  'exists',
  /** Too large to send in any push (a change withdrawn by the console that made it). */
  'too_large',
  'internal',
] as const;
export const RejectionCode = z.enum(REJECTION_CODES);
export type RejectionCode = z.infer<typeof RejectionCode>;

/** The fate of one mutation: applied now, already settled earlier (duplicate), or rejected with a reason. */
export const MutationResult = z.discriminatedUnion('status', [
  z.object({ id: z.number().int(), status: z.literal('applied') }),
  z.object({ id: z.number().int(), status: z.literal('duplicate') }),
  z.object({
    id: z.number().int(),
    status: z.literal('rejected'),
    code: RejectionCode,
    message: z.string(),
    /** The refusal as data, for a console to word in its own language; the English `message` otherwise. */
    say: z.array(ReasonSchema).optional(),
  }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResult = z.object({
  results: z.array(MutationResult),
  lastMutationId: z.number().int().min(0),
  /** Set when the batch stopped at a gap: the id the server expected next. */
  expected: z.number().int().optional(),
});
export type PushResult = z.infer<typeof PushResult>;

/** A settled rejection, kept so a client that lost the ack still learns why. */
export const Rejection = z.object({
  mutationId: z.number().int(),
  name: z.string(),
  code: RejectionCode,
  message: z.string(),
  /** The refusal as data (see MutationResult); absent from refusals kept before it was carried. */
  say: z.array(ReasonSchema).optional(),
  at: EpochMs,
});
export type Rejection = z.infer<typeof Rejection>;

/**
 * One changed record: its whole new value. Consoles read orders; an engineer's device reads its jobs instead, and is
 * told when one leaves its view (`removed`). What each role reads: shared/sync/reads.ts.
 */
export const Change = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('order'), value: WorkOrder }),
  z.object({ entity: z.literal('job'), value: Job }),
  z.object({ entity: z.literal('engineer'), value: Engineer }),
  z.object({ entity: z.literal('policy'), value: SlaPolicy }),
  z.object({ entity: z.literal('event'), value: OrderEvent }),
  z.object({ entity: z.literal('removed'), value: Removed }),
]);
export type Change = z.infer<typeof Change>;

export const PullRequest = z.object({
  /** Opaque position in the server's change log; null for a first sync. */
  cursor: z.string().max(200).nullable(),
  /** Rejections with a mutation id above this are returned; the client's highest settled id it knows the fate of. */
  resultsAfter: z.number().int().min(0),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResult = z.object({
  /** `reset`: drop all server data held and rebuild from these changes (first page of a snapshot). */
  kind: z.enum(['changes', 'reset']),
  changes: z.array(Change),
  cursor: z.string(),
  /** More pages follow; pull again with the new cursor. */
  more: z.boolean(),
  lastMutationId: z.number().int().min(0),
  rejections: z.array(Rejection),
  serverTime: EpochMs,
});
export type PullResult = z.infer<typeof PullResult>;

/** Teams whose pokes a console wants; `all` for supervisors and wall displays. */
export const WatchRequest = z.object({ teams: z.union([z.literal('all'), z.array(Id).max(500)]) });
export type WatchRequest = z.infer<typeof WatchRequest>;

/** A device's position report. */
export const PositionReport = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  heading: z.number().min(0).max(360),
  speed: z.number().min(0).max(100),
  at: EpochMs,
});
export type PositionReport = z.infer<typeof PositionReport>;

/** The latest position of one engineer, as consoles receive it. */
export const EngineerPosition = PositionReport.extend({ engineerId: Id });
export type EngineerPosition = z.infer<typeof EngineerPosition>;

export const PositionsBatch = z.object({ positions: z.array(EngineerPosition) });
export type PositionsBatch = z.infer<typeof PositionsBatch>;

export const BreadcrumbsRequest = z
  .object({ engineerId: Id, from: EpochMs, to: EpochMs })
  .refine((r) => r.to > r.from && r.to - r.from <= 3 * 24 * 3_600_000, {
    message: 'a trail covers at most three days',
  });
export type BreadcrumbsRequest = z.infer<typeof BreadcrumbsRequest>;

export const BreadcrumbsResult = z.object({ engineerId: Id, points: z.array(PositionReport) });
export type BreadcrumbsResult = z.infer<typeof BreadcrumbsResult>;

/** A hint that the change log has grown to `seq`; the console pulls. */
export const Poke = z.object({ seq: z.number().int().min(0) });
export type Poke = z.infer<typeof Poke>;

/** Every acknowledged request answers with either its result or a protocol error. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

/** Events a client sends (Socket.IO's typed map). Payloads are `unknown` because the server validates them. */
export interface ClientToServerEvents {
  push: (request: unknown, ack: (reply: Reply<PushResult>) => void) => void;
  pull: (request: unknown, ack: (reply: Reply<PullResult>) => void) => void;
  watch: (request: unknown, ack: (reply: Reply<{ rooms: string[] }>) => void) => void;
  position: (report: unknown, ack?: (reply: Reply<{ accepted: boolean }>) => void) => void;
  breadcrumbs: (request: unknown, ack: (reply: Reply<BreadcrumbsResult>) => void) => void;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  session: (session: Session) => void;
  poke: (poke: Poke) => void;
  positions: (batch: PositionsBatch) => void;
  /** A refusal of a message that had no acknowledgement to carry it. */
  problem: (error: ProtocolError) => void;
}

/** Names of the client events the server accepts; anything else is `unknown_event`. */
export const CLIENT_EVENTS = ['push', 'pull', 'watch', 'position', 'breadcrumbs'] as const;

/** How far back a mutation's own time is believed: a console offline for longer is stamped this far back at most. */
export const MAX_ACTED_AGE_MS = 7 * 24 * 3_600_000;

/** How far ahead of the server's clock a client's own time may run before a time it claims is not believed. */
export const MAX_CLIENT_AHEAD_MS = 2 * 60_000;

/**
 * The time a mutation takes effect at: when the user acted (the client's `createdAt`), so work done offline keeps its
 * real time in the audit trail and an order logged during an outage starts its SLA clocks when the customer called;
 * but never later than the server's clock (a fast client cannot push deadlines out) and never more than
 * MAX_ACTED_AGE_MS before it.
 */
export function actedAt(clientTime: number, serverNow: number): number {
  return Math.min(serverNow, Math.max(clientTime, serverNow - MAX_ACTED_AGE_MS));
}

/** A position as the server's stores and the console's cache keep it: one row, in snake_case columns. */
export interface PositionRow {
  engineer_id: string;
  lat: number;
  lon: number;
  heading: number;
  speed: number;
  at: number;
}

export function positionOfRow(r: PositionRow): EngineerPosition {
  return { engineerId: r.engineer_id, lat: r.lat, lon: r.lon, heading: r.heading, speed: r.speed, at: r.at };
}

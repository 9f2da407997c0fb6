import type { Engineer, OrderEvent, SlaPolicy, WorkOrder } from '../../../shared/domain/index.js';
import type { OutboxStore } from './outbox-rows.js';
import type { Scenario } from '../../../shared/scenario/index.js';
import type {
  EngineerPosition,
  MutationEnvelope,
  Principal,
  PullResult,
  PushResult,
  Reader,
  Role,
} from '../../../shared/sync/index.js';

/** A person or device that may connect. Roles are read from here, not trusted from the token. */
export interface User {
  id: string;
  name: string;
  role: Role;
  engineerId: string | null;
  disabled: boolean;
}

/** What a push changed, for pokes: the teams whose engineers were touched, and whether the open queue changed. */
export interface PushOutcome extends PushResult {
  teams: Set<string>;
  /** Engineers whose bookings changed (their devices are poked). */
  engineers: Set<string>;
  queueChanged: boolean;
  /** Highest change-log sequence written. */
  seq: number;
}

/** A customer tracking link as stored: the SHA-256 of its token, the one order it reads, who issued it and when. */
export interface TrackingLink {
  tokenHash: string;
  orderId: string;
  issuedAt: number;
  issuedBy: string;
}

/** One entry of the append-only audit log. */
export interface AuditEntry {
  at: number;
  userId: string;
  role: Role;
  clientId: string;
  mutationId: number;
  name: string;
  outcome: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
  /** The mutation's arguments; for refusals the sender could foresee, `{ refused: n }` — how many of that kind. */
  args: unknown;
}

/**
 * The authoritative store behind the sync server. Async so that a networked database (Postgres) fits the same
 * contract as the embedded SQLite default.
 */
export interface SyncStore extends OutboxStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Identifies this database; cursors from another one are answered with a reset. */
  epoch(): Promise<string>;
  isEmpty(): Promise<boolean>;
  /** Loads a simulated city and its users into an empty store. */
  seed(city: Scenario, users: User[]): Promise<void>;
  user(id: string): Promise<User | null>;
  users(): Promise<User[]>;
  /**
   * Binds a console to the user who first connected with it; returns the client's settled mutation id, or null when
   * the client id belongs to another user.
   */
  bindClient(clientId: string, userId: string, now: number): Promise<{ lastMutationId: number } | null>;
  /**
   * Applies a batch of one client's mutations exactly once each, in order: a seen id is a duplicate, a gap stops the
   * batch, a rejection advances the id and is kept with its reason; every change and the client's last id are written
   * in the same transaction, with the audit entry.
   */
  applyPush(clientId: string, actor: Principal, mutations: MutationEnvelope[], now: () => number): Promise<PushOutcome>;
  /**
   * A page of what changed since `cursor`, filtered to what `reader` reads (shared/sync/reads.ts): a device gets its
   * engineer, its jobs and their events, and `removed` for a job that left its view.
   */
  pull(
    clientId: string,
    reader: Reader,
    cursor: string | null,
    resultsAfter: number,
    limit: number,
    now: number,
  ): Promise<PullResult>;
  /** Latest positions, one per engineer, and breadcrumbs for replay. */
  savePositions(latest: EngineerPosition[], breadcrumbs: EngineerPosition[]): Promise<void>;
  latestPositions(): Promise<EngineerPosition[]>;
  breadcrumbs(engineerId: string, from: number, to: number, limit: number): Promise<EngineerPosition[]>;
  /** Drops change-log entries older than `before` (a cursor from before that gets a reset). */
  pruneChanges(before: number): Promise<number>;
  audit(limit: number): Promise<AuditEntry[]>;
  /** Reads for tests and tools. */
  order(id: string): Promise<WorkOrder | null>;
  engineer(id: string): Promise<Engineer | null>;
  engineers(): Promise<Engineer[]>;
  policy(): Promise<SlaPolicy>;
  eventsFor(orderId: string): Promise<OrderEvent[]>;
  /** Keeps a customer tracking link's token hash (never the token) for one order. */
  addTrackingLink(link: TrackingLink): Promise<void>;
  /** The link a token hash names, or null. */
  trackingLink(tokenHash: string): Promise<TrackingLink | null>;
  close(): Promise<void>;
}

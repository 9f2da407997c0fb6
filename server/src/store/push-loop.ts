import type {
  MutationContext,
  MutationEnvelope,
  Principal,
  RejectionCode,
  StateReader,
  Writes,
} from '../../../shared/sync/index.js';
import type { Reason } from '../../../shared/dispatch/reasons.js';
import { MUTATORS, actedAt, runMutation } from '../../../shared/sync/index.js';
import { affectedBy } from '../sync/affected.js';
import type { AuditDraft } from './refusals.js';
import type { PushOutcome } from './types.js';

/** One mutation of a push as the store will treat it: already settled, or to run at `at`. */
export type PushStep = { duplicate: number } | { m: MutationEnvelope; at: number; ctx: MutationContext };

export interface PushPlan {
  steps: PushStep[];
  /** The client's settled id once the push is through. */
  last: number;
  /** Set when the push skipped ahead of the client's next id: the id the store expects next. */
  expected?: number;
}

/**
 * Settles a push against the client's last settled id (DESIGN §4): ids at or below it are duplicates (acknowledged
 * again, never applied twice), the next id runs, and a gap stops the push there with the id the store expects. With
 * de-duplication off (the chaos test's control run only) every mutation runs.
 */
export function planPush(
  mutations: readonly MutationEnvelope[],
  settled: number,
  o: { dedupe: boolean; actor: Principal; clientId: string; now: () => number },
): PushPlan {
  const plan: PushPlan = { steps: [], last: settled };
  for (const m of mutations) {
    if (o.dedupe) {
      if (m.id <= plan.last) {
        plan.steps.push({ duplicate: m.id });
        continue;
      }
      if (m.id !== plan.last + 1) {
        plan.expected = plan.last + 1;
        break;
      }
    }
    const at = o.now();
    plan.steps.push({
      m,
      at,
      ctx: { now: actedAt(m.createdAt, at), actor: o.actor, clientId: o.clientId, mutationId: m.id },
    });
    plan.last = Math.max(plan.last, m.id);
  }
  return plan;
}

/** A rejected mutation as the store keeps it for its console's next pull. */
export interface StoredRejection {
  mutation_id: number;
  name: string;
  code: RejectionCode;
  message: string;
  /** The refusal as data, so a console that learns of it only from a pull still words it in its own language. */
  say?: Reason[];
  at: number;
}

/** Where a push's mutations read and write: each store's own transaction behind one interface. */
export interface PushSink {
  /** The state as the push's earlier mutations left it. */
  readonly reader: StateReader;
  /** The team of an engineer, for the pokes a write causes. */
  teamOf(engineerId: string): string | undefined;
  /** Takes what an applied mutation wrote; the reader sees it from the next mutation on. May throw to start over. */
  write(writes: Writes, at: number, mutation: MutationEnvelope): void;
  reject(rejection: StoredRejection): void;
}

/**
 * Runs a planned push, one mutation after another on what the ones before it left: the shared mutators decide, the
 * sink stores. Fills the outcome's results and affected teams and engineers; returns the audit drafts in push order.
 */
export function runPush(
  plan: PushPlan,
  sink: PushSink,
  outcome: PushOutcome,
  o: { clientId: string; log: (message: string, err?: unknown) => void; strictReads?: boolean },
): AuditDraft[] {
  const drafts: AuditDraft[] = [];
  for (const step of plan.steps) {
    if ('duplicate' in step) {
      outcome.results.push({ id: step.duplicate, status: 'duplicate' });
      continue;
    }
    const { m, at, ctx } = step;
    const run = runMutation(MUTATORS, m.name, m.args, ctx, sink.reader, { strictReads: o.strictReads ?? false });
    if (run.ok) {
      affectedBy(
        run.writes,
        (id) => sink.reader.order(id),
        (id) => sink.teamOf(id),
        outcome,
      );
      sink.write(run.writes, at, m);
      outcome.results.push({ id: m.id, status: 'applied' });
    } else {
      if (run.code === 'internal') o.log(`mutation ${m.name} of ${o.clientId}#${m.id} failed`, run.internal);
      sink.reject({
        mutation_id: m.id,
        name: m.name,
        code: run.code,
        message: run.message,
        ...(run.say ? { say: run.say } : {}),
        at,
      });
      outcome.results.push({
        id: m.id,
        status: 'rejected',
        code: run.code,
        message: run.message,
        ...(run.say ? { say: run.say } : {}),
      });
    }
    drafts.push({
      at,
      mutation_id: m.id,
      name: m.name,
      outcome: run.ok ? 'applied' : 'rejected',
      code: run.ok ? null : run.code,
      message: run.ok ? null : run.message,
      args: m.args ?? null,
    });
  }
  if (plan.expected !== undefined) outcome.expected = plan.expected;
  outcome.lastMutationId = plan.last;
  return drafts;
}

/** A push's outcome before anything ran. */
export function emptyOutcome(): PushOutcome {
  return { results: [], lastMutationId: 0, teams: new Set(), engineers: new Set(), queueChanged: false, seq: 0 };
}

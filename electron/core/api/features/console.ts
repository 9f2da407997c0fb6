import type { CONSOLE_METHODS, Handlers } from '../../../../shared/ipc/index.js';
import { ApiError, type ApiErrorCode } from '../../../../shared/ipc/index.js';
import type { MutationName } from '../../../../shared/sync/index.js';
import { LocalRejection } from '../../cache/local-state.js';
import type { ConsoleCore } from '../../console-core.js';
import type { ApiEventBus } from '../event-bus.js';

const REJECTION_TO_API: Record<string, ApiErrorCode> = {
  forbidden: 'forbidden',
  not_found: 'not_found',
  bad_args: 'bad_request',
  unknown_mutation: 'bad_request',
  invalid: 'bad_request',
  too_large: 'too_large',
  internal: 'internal',
};

/** Runs a console action; a refusal by the rules becomes a typed error with the reason the dispatcher reads. */
function refusals<T>(action: () => T): T {
  try {
    return action();
  } catch (err) {
    if (err instanceof LocalRejection)
      throw new ApiError(REJECTION_TO_API[err.code] ?? 'conflict', err.message, err.say);
    throw err;
  }
}

/** Forwards the console's own events to the API's subscribers; returns the way to stop. */
export function forwardConsoleEvents(core: ConsoleCore, events: ApiEventBus): () => void {
  const stops = [
    core.on('changes', (c) => events.emit('console.changes', c)),
    core.on('positions', (p) => events.emit('console.positions', p)),
    core.on('status', (s) => events.emit('console.status', s)),
    core.on('history', (h) => events.emit('console.history', h)),
    core.on('slaAlert', (a) => events.emit('console.slaAlert', a)),
    core.on('slaAlertsAcked', (ids) => events.emit('console.slaAlertsAcked', { ids })),
  ];
  return () => stops.forEach((stop) => stop());
}

/**
 * The console methods over the desktop core. Without a core (no server or token configured) each answers
 * `unavailable` with what to set, rather than pretending to hold data.
 */
export function consoleHandlers(
  core: ConsoleCore | null,
  timeZone: () => string = () => 'UTC',
): Handlers<typeof CONSOLE_METHODS> {
  const need = (): ConsoleCore => {
    if (core) return core;
    throw new ApiError(
      'unavailable',
      'this console is not signed in to a sync server: start it with npm start, or set DISPATCH_SERVER_URL and DISPATCH_TOKEN',
    );
  };
  return {
    'console.snapshot': () => need().snapshot(),
    'console.mutate': ({ name, args, label }) =>
      refusals(() =>
        (need().mutate as (n: MutationName, a: unknown, l?: string) => { mutationId: number })(name, args, label),
      ),
    'console.mutateAll': ({ actions, label, continueStep }) => ({
      results: need()
        .mutateAll(
          actions.map((a) => ({ name: a.name, args: a.args })),
          label,
          continueStep ?? false,
        )
        .map((r) =>
          'mutationId' in r
            ? { ok: true as const, mutationId: r.mutationId }
            : {
                ok: false as const,
                code: r.error.code,
                message: r.error.message,
                ...(r.error.say ? { say: r.error.say.slice(0, 20) } : {}),
              },
        ),
    }),
    'console.undo': () => refusals(() => need().undo()),
    'console.redo': () => refusals(() => need().redo()),
    'console.history': () => need().history(),
    'console.forceStep': ({ stack }) => refusals(() => need().forceStep(stack)),
    'console.dropStep': ({ stack }) => {
      refusals(() => need().dropStep(stack));
      return null;
    },
    'console.conflicts': () => need().conflicts(),
    'console.retryConflict': ({ mutationId, overrides }) => refusals(() => need().retryConflict(mutationId, overrides)),
    'console.discardConflict': ({ mutationId }) => {
      refusals(() => need().discardConflict(mutationId));
      return null;
    },
    'console.setWorkOffline': ({ offline }) => {
      need().setWorkOffline(offline);
      return null;
    },
    'console.orderEvents': ({ orderId }) => need().orderEvents(orderId),
    'console.kpis': ({ from, to, team }) => need().kpis(from, to, team, timeZone()),
    'console.breadcrumbs': async ({ engineerId, from, to }) => {
      try {
        return await need().breadcrumbs(engineerId, from, to);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        throw new ApiError('unavailable', (err as Error).message);
      }
    },
    'console.trackingLink': async ({ orderId }) => {
      try {
        return await need().trackingLink(orderId);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        throw new ApiError('unavailable', (err as Error).message);
      }
    },
    'console.slaAlerts': () => need().slaAlerts(),
    'console.ackSlaAlerts': ({ ids }) => {
      need().ackSlaAlerts(ids);
      return null;
    },
    'console.slaTimelines': ({ orderIds }) => need().slaTimelines(orderIds),
  };
}

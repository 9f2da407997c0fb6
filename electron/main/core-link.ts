import type { CallRequest, CallResult, EventMessage } from '../../shared/ipc/index.js';

/** How main reaches core: calls in, results and events out. */
export interface CoreLink {
  call(request: CallRequest): Promise<CallResult>;
  /** Receives every event core emits; returns the way to stop. */
  onEvent(listener: (message: EventMessage) => void): () => void;
}

/** Core running in this same process (tests; the router and bus are the ones the core process uses). */
export function linkInProcess(core: {
  router: { handle(request: unknown): Promise<CallResult> };
  events: { connect(sink: (m: EventMessage) => void): () => void };
}): CoreLink {
  return { call: (request) => core.router.handle(request), onEvent: (listener) => core.events.connect(listener) };
}

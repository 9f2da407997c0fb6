import type { EventMap } from '../../../shared/ipc/index.js';
import { API_EVENTS, type EventMessage, type EventName, type EventPayload } from '../../../shared/ipc/index.js';
import { describeIssues } from '../../../shared/validation/issues.js';

export type EventSink = (message: EventMessage) => void;

/**
 * Core's outgoing events. A payload is checked against the contract before it leaves, so no window ever receives
 * data its schema would refuse; transports subscribe once and filter by what their clients asked for.
 */
export class ApiEventBus {
  private readonly sinks = new Set<EventSink>();

  constructor(
    private readonly events: EventMap = API_EVENTS,
    private readonly logError: (message: string) => void = (m) => console.error(`core api: ${m}`),
  ) {}

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const schema = this.events[event];
    const parsed = schema?.safeParse(payload);
    if (!parsed?.success) {
      this.logError(`event ${event} not sent: ${parsed ? describeIssues(parsed.error) : 'not in the contract'}`);
      return;
    }
    const message: EventMessage = { type: 'event', event, payload: parsed.data };
    for (const sink of this.sinks) {
      try {
        sink(message);
      } catch (err) {
        this.logError(`a subscriber of ${event} failed: ${String(err)}`);
      }
    }
  }

  /** Receives every event; returns the way to stop. */
  connect(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }
}

import type { ArgsParam, EventName, EventPayload, MethodName, MethodResult } from './contract.js';
import { API_EVENTS, API_METHODS } from './contract.js';
import { CallResult, MAX_CALL_BYTES, type CallRequest } from './envelope.js';
import { ApiError } from './errors.js';
import { jsonBytes } from '../sync/protocol.js';
import { describeIssues } from '../validation/issues.js';

/** How a client reaches core: Electron's preload bridge or the web host's socket. */
export interface ApiTransport {
  /** Delivers a call envelope and resolves with whatever came back (the client validates it). */
  send(request: CallRequest): Promise<unknown>;
  /** Receives the raw payloads of one event; returns the way to stop. */
  listen(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** The typed API as the renderer uses it. */
export interface ApiClient {
  call<N extends MethodName>(method: N, ...args: ArgsParam<N>): Promise<MethodResult<N>>;
  /** Calls `listener` with each validated payload of `event`; returns the way to stop. */
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export interface ApiClientOptions {
  /** Where invalid event payloads are reported (they are dropped: a listener only ever sees valid data). */
  onInvalidEvent?: (event: string, message: string) => void;
}

/**
 * A client that checks both directions against the contract: arguments before they leave (a mistake fails here,
 * with the field named) and results and event payloads when they arrive.
 */
export function createApiClient(transport: ApiTransport, options: ApiClientOptions = {}): ApiClient {
  let nextId = 1;
  return {
    async call(method, ...rest) {
      const spec = API_METHODS[method];
      const parsedArgs = spec.args.safeParse(rest[0]);
      if (!parsedArgs.success)
        throw new ApiError('bad_request', `${method}: ${describeIssues(parsedArgs.error, 'args')}`);
      const request: CallRequest = { type: 'call', id: nextId++, method, args: parsedArgs.data };
      const size = jsonBytes(request);
      if (size > MAX_CALL_BYTES)
        throw new ApiError('too_large', `${method}: the call is ${size} bytes; the limit is ${MAX_CALL_BYTES}`);
      const reply = CallResult.safeParse(await transport.send(request));
      if (!reply.success) throw new ApiError('internal', `${method}: the answer is not a result envelope`);
      if (!reply.data.ok) throw new ApiError(reply.data.error.code, reply.data.error.message, reply.data.error.say);
      const result = spec.result.safeParse(reply.data.value);
      if (!result.success)
        throw new ApiError('internal', `${method}: the answer breaks the contract: ${describeIssues(result.error)}`);
      return result.data as MethodResult<typeof method>;
    },
    subscribe(event, listener) {
      const schema = API_EVENTS[event];
      return transport.listen(event, (payload) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
        else options.onInvalidEvent?.(event, describeIssues(parsed.error));
      });
    },
  };
}

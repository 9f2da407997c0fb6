import type { Handlers, MethodMap } from '../../../shared/ipc/index.js';
import {
  API_METHODS,
  ApiError,
  CallRequest,
  errorResult,
  type ApiHandlers,
  type CallResult,
} from '../../../shared/ipc/index.js';
import { describeIssues, issuesSay } from '../../../shared/validation/issues.js';

type AnyHandler = (args: unknown, caller: unknown) => unknown;

export interface RouterOptions {
  /** Where bugs are reported: a handler that threw something untyped, or a result that broke the contract. */
  logError?: (message: string, error?: unknown) => void;
  /** The contract to enforce (tests pass a smaller one). */
  methods?: MethodMap;
}

/**
 * The answering side of the API: takes a call envelope from any transport, checks it and its arguments against the
 * contract, runs the handler, checks the result, and answers with a result envelope. It never throws: every
 * failure becomes a typed error, and only ApiError messages reach the caller (a bug's details stay in the log).
 * Core answers every method; Electron's main answers the few that need the calling page (`C`) with a router of its
 * own over just those.
 */
export class ApiRouter<C = void> {
  private readonly methods: MethodMap;
  private readonly handlers: Record<string, AnyHandler>;
  private readonly logError: (message: string, error?: unknown) => void;

  constructor(handlers: ApiHandlers | Handlers<MethodMap, C>, options: RouterOptions = {}) {
    this.methods = options.methods ?? API_METHODS;
    this.handlers = handlers as unknown as Record<string, AnyHandler>;
    this.logError = options.logError ?? ((message, error) => console.error(`core api: ${message}`, error ?? ''));
    for (const name of Object.keys(this.methods))
      if (typeof this.handlers[name] !== 'function') throw new Error(`no handler for the method ${name}`);
  }

  /** Whether this router answers `method`. */
  answers(method: string): boolean {
    return Object.hasOwn(this.methods, method);
  }

  async handle(request: unknown, caller?: C): Promise<CallResult> {
    const read = readCall(request, this.methods);
    if ('refused' in read) return read.refused;
    const { id, method } = read.call;
    const spec = this.methods[method]!;
    const handler = this.handlers[method]!;
    const args = spec.args.safeParse(read.call.args);
    if (!args.success)
      return errorResult(
        id,
        'bad_request',
        `${method}: ${describeIssues(args.error, 'args')}`,
        issuesSay(args.error, 'args'),
      );
    let value: unknown;
    try {
      value = await handler(args.data, caller);
    } catch (err) {
      if (err instanceof ApiError) return { type: 'result', id, ok: false, error: err.toBody() };
      this.logError(`${method} failed`, err);
      return errorResult(id, 'internal', `${method} failed; the details are in the console's log`);
    }
    const result = spec.result.safeParse(value);
    if (!result.success) {
      this.logError(`${method} answered outside its contract: ${describeIssues(result.error)}`);
      return errorResult(id, 'internal', `${method} answered outside its contract; the details are in the log`);
    }
    return { type: 'result', id, ok: true, value: result.data };
  }
}

/**
 * A call envelope checked against a contract (the whole API unless told): the call, or the error to answer with when
 * the envelope is malformed or names no method of it.
 */
export function readCall(
  request: unknown,
  methods: MethodMap = API_METHODS,
): { call: CallRequest } | { refused: CallResult } {
  const envelope = CallRequest.safeParse(request);
  if (!envelope.success) return { refused: errorResult(idOf(request), 'bad_request', describeIssues(envelope.error)) };
  const { id, method } = envelope.data;
  if (!Object.hasOwn(methods, method))
    return { refused: errorResult(id, 'not_found', `there is no method "${method}"`) };
  return { call: envelope.data };
}

/** The request id of an envelope that failed validation, when it has a usable one, so the caller can match it. */
export function idOf(request: unknown): number {
  const id = (request as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : 0;
}

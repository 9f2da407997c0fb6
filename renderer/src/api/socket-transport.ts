import type { ApiTransport, CallRequest, CallResult } from '../../../shared/ipc/index.js';
import { ServerFrame, WS_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX, errorResult } from '../../../shared/ipc/index.js';
import { backoffDelay } from '../../../shared/time/index.js';
import { MutableLinkStatus, type LinkStatus } from './link.js';

/** The part of the browser's WebSocket this transport uses (the `ws` package offers the same in tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type WebSocketFactory = new (url: string, protocols: string[]) => WebSocketLike;

export interface SocketTransportOptions {
  /** The web host's origin as a ws: or wss: URL (`ws://127.0.0.1:4310`). */
  origin: string;
  token: string;
  WebSocket?: WebSocketFactory;
  /** How long a call may wait for the link and its answer. */
  callTimeoutMs?: number;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** Failures that belong to no call (a frame the host could not read). */
  onProblem?: (message: string) => void;
}

const OPEN = 1;

interface Pending {
  resolve(result: CallResult): void;
  timer: ReturnType<typeof setTimeout>;
  sent: boolean;
  request: CallRequest;
}

/**
 * The API over the web host's WebSocket. Calls made while the link is down wait for it (up to their timeout);
 * a call in flight when the link drops answers `unavailable`, since nobody can tell whether it ran. The link
 * reconnects with backoff and re-subscribes to every event someone still listens to.
 */
export function socketTransport(o: SocketTransportOptions): {
  transport: ApiTransport;
  link: LinkStatus;
  close(): void;
} {
  const Factory = o.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketFactory);
  const link = new MutableLinkStatus('connecting');
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocketLike | null = null;
  let attempt = 0;
  let everOpened = false;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const sendFrame = (frame: object) => {
    if (socket?.readyState === OPEN) socket.send(JSON.stringify(frame));
  };
  const settle = (id: number, result: CallResult) => {
    const p = pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(id);
    p.resolve(result);
  };

  const connect = () => {
    if (closed) return;
    link.set('connecting', link.problem);
    const ws = new Factory(`${o.origin}${WS_PATH}`, [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${o.token}`]);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      everOpened = true;
      link.set('open');
      for (const event of listeners.keys()) sendFrame({ type: 'subscribe', event });
      for (const p of pending.values())
        if (!p.sent) {
          p.sent = true;
          sendFrame(p.request);
        }
    };
    ws.onmessage = (ev) => {
      let data: unknown;
      try {
        data = JSON.parse(String(ev.data));
      } catch {
        o.onProblem?.('the console host sent a frame that is not JSON');
        return;
      }
      const frame = ServerFrame.safeParse(data);
      if (!frame.success) return o.onProblem?.('the console host sent a frame outside the protocol');
      const f = frame.data;
      if (f.type === 'result') settle(f.id, f);
      else if (f.type === 'event') for (const l of listeners.get(f.event) ?? []) l(f.payload);
      else o.onProblem?.(`${f.error.code}: ${f.error.message}`);
    };
    ws.onerror = () => {};
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      for (const [id, p] of pending)
        if (p.sent) settle(id, errorResult(id, 'unavailable', 'the link to the console host dropped during the call'));
      if (closed) return link.set('closed', 'closed');
      attempt += 1;
      const why = everOpened
        ? `the link to the console host dropped (${ev.code}); reconnecting`
        : 'cannot reach the console host; if it was restarted, open the address it printed';
      link.set('connecting', why);
      retryTimer = setTimeout(connect, backoffDelay(attempt - 1, o.reconnectBaseMs ?? 250, o.reconnectMaxMs ?? 10_000));
    };
  };

  const transport: ApiTransport = {
    send(request) {
      if (closed) return Promise.resolve(errorResult(request.id, 'unavailable', 'the link to core is closed'));
      return new Promise<CallResult>((resolve) => {
        const timeoutMs = o.callTimeoutMs ?? 30_000;
        const timer = setTimeout(
          () => settle(request.id, errorResult(request.id, 'timeout', `no answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const sent = socket?.readyState === OPEN;
        pending.set(request.id, { resolve, timer, sent, request });
        if (sent) sendFrame(request);
      });
    },
    listen(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        sendFrame({ type: 'subscribe', event });
      }
      set.add(listener);
      return () => {
        const s = listeners.get(event);
        if (!s?.delete(listener) || s.size > 0) return;
        listeners.delete(event);
        sendFrame({ type: 'unsubscribe', event });
      };
    },
  };

  connect();
  return {
    transport,
    link,
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      for (const id of pending.keys()) settle(id, errorResult(id, 'unavailable', 'the link to core is closed'));
      socket?.close(1000, 'closed by the console');
      socket = null;
      link.set('closed', 'closed');
    },
  };
}

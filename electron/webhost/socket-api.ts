import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  ClientFrame,
  MAX_CALL_BYTES,
  WS_PATH,
  WS_PROTOCOL,
  WS_TOKEN_PREFIX,
  errorResult,
  isEventName,
  type ApiErrorBody,
  type EventMessage,
  type ServerFrame,
} from '../../shared/ipc/index.js';
import type { CoreApi } from '../core/api/core-api.js';
import { describeIssues } from '../../shared/validation/issues.js';

/** Beyond this a frame is not read at all: ws closes that one connection (code 1009). */
export const HARD_FRAME_LIMIT = 4 * MAX_CALL_BYTES;
/** A client this far behind on events is disconnected; it reconnects and reloads its view. */
const SLOW_CLIENT_BYTES = 32 * 1024 * 1024;

export interface SocketApiOptions {
  core: CoreApi;
  token: string;
  /** Origins whose pages may connect (the host's own), and the Host headers it answers to. */
  allowedOrigins(): readonly string[];
  allowedHosts(): readonly string[];
  log(message: string): void;
}

/**
 * The same API as Electron's IPC, over a WebSocket: the same envelopes, checked by the same router. An upgrade is
 * accepted only from the host's own page (Origin and Host) carrying this start's token; a bad frame is answered
 * with a typed error and costs no other client anything.
 */
export function attachSocketApi(server: Server, o: SocketApiOptions): { close(): Promise<void>; clients(): number } {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: HARD_FRAME_LIMIT,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const subscriptions = new Map<WebSocket, Set<string>>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = refuse(req, o);
    if (refusal) {
      o.log(`refused a socket: ${refusal.reason}`);
      socket.end(`HTTP/1.1 ${refusal.status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    subscriptions.set(ws, new Set());
    ws.on('message', (data: RawData, isBinary: boolean) => void onFrame(ws, data, isBinary));
    ws.on('close', () => subscriptions.delete(ws));
    ws.on('error', (err) => o.log(`a socket failed: ${err.message}`));
  });

  const send = (ws: WebSocket, frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const frameError = (ws: WebSocket, error: ApiErrorBody) => send(ws, { type: 'error', error });

  async function onFrame(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary) return frameError(ws, { code: 'bad_request', message: 'frames are JSON text, not binary' });
    if (bytes.length > MAX_CALL_BYTES) {
      const id = leadingId(bytes);
      const message = `the frame is ${bytes.length} bytes; the limit is ${MAX_CALL_BYTES}`;
      return id === null
        ? frameError(ws, { code: 'too_large', message })
        : send(ws, errorResult(id, 'too_large', message));
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      return frameError(ws, { code: 'bad_request', message: 'the frame is not JSON' });
    }
    const frame = ClientFrame.safeParse(json);
    if (!frame.success) {
      // A call with a usable id gets its answer; anything else an unattached error.
      const id = (json as { id?: unknown } | null)?.id;
      const message = describeIssues(frame.error);
      if (
        (json as { type?: unknown } | null)?.type === 'call' &&
        typeof id === 'number' &&
        Number.isSafeInteger(id) &&
        id >= 0
      )
        return send(ws, errorResult(id, 'bad_request', message));
      return frameError(ws, { code: 'bad_request', message });
    }
    const f = frame.data;
    if (f.type === 'call') return send(ws, await o.core.router.handle(f));
    if (!isEventName(f.event)) return frameError(ws, { code: 'not_found', message: `there is no event "${f.event}"` });
    const subs = subscriptions.get(ws);
    if (f.type === 'subscribe') subs?.add(f.event);
    else subs?.delete(f.event);
  }

  const stopEvents = o.core.events.connect((message: EventMessage) => {
    const text = JSON.stringify(message);
    for (const [ws, subs] of subscriptions) {
      if (!subs.has(message.event) || ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > SLOW_CLIENT_BYTES) {
        o.log('closed a socket that fell too far behind on events');
        ws.close(1013, 'too far behind; reconnect and reload');
        continue;
      }
      ws.send(text);
    }
  });

  return {
    clients: () => subscriptions.size,
    close: () =>
      new Promise<void>((resolve) => {
        stopEvents();
        for (const ws of subscriptions.keys()) ws.close(1001, 'the console host is stopping');
        wss.close(() => resolve());
      }),
  };
}

function refuse(req: IncomingMessage, o: SocketApiOptions): { status: string; reason: string } | null {
  const path = (req.url ?? '').split('?')[0];
  if (path !== WS_PATH) return { status: '404 Not Found', reason: `no socket at ${path}` };
  if (!o.allowedHosts().includes(req.headers.host ?? ''))
    return { status: '403 Forbidden', reason: `Host ${req.headers.host ?? '(none)'} is not this host` };
  if (!o.allowedOrigins().includes(req.headers.origin ?? ''))
    return { status: '403 Forbidden', reason: `Origin ${req.headers.origin ?? '(none)'} is not the console's` };
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(WS_PROTOCOL)) return { status: '400 Bad Request', reason: 'the API subprotocol is missing' };
  const token = offered.find((p) => p.startsWith(WS_TOKEN_PREFIX))?.slice(WS_TOKEN_PREFIX.length) ?? '';
  if (!sameSecret(token, o.token)) return { status: '401 Unauthorized', reason: 'missing or wrong token' };
  return null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The id of a call too large to parse, when the frame starts the way the client writes it. */
function leadingId(bytes: Buffer): number | null {
  const m = /^\{"type":"call","id":(\d{1,15})[,}]/.exec(bytes.subarray(0, 64).toString('utf8'));
  return m ? Number(m[1]) : null;
}

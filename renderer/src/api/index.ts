import { z } from 'zod';
import type { ApiClient, DispatchConsoleBridge } from '../../../shared/ipc/index.js';
import { BRIDGE_GLOBAL, createApiClient } from '../../../shared/ipc/index.js';
import { bridgeTransport } from './bridge-transport.js';
import { MutableLinkStatus, type LinkStatus } from './link.js';
import { socketTransport } from './socket-transport.js';
import { takeWebHostToken } from './token.js';

// zod compiles fast paths with `new Function` when it may; under the console's CSP it may not, and even its caught
// probe is reported as a violation. Validate without it.
z.config({ jitless: true });

export type { LinkState, LinkStatus } from './link.js';

/** The console's API in the renderer: typed calls and events, and the state of the link to core. */
export interface ConsoleApi extends ApiClient {
  readonly link: LinkStatus;
  readonly mode: 'electron' | 'web';
}

/** The API however the page was opened: Electron's preload bridge when present, else the web host's WebSocket. */
export function connectConsoleApi(): ConsoleApi {
  const bridge = (window as unknown as Record<string, DispatchConsoleBridge | undefined>)[BRIDGE_GLOBAL];
  const onInvalidEvent = (event: string, message: string) => console.error(`api: dropped a ${event} event: ${message}`);
  if (bridge) {
    const client = createApiClient(bridgeTransport(bridge), { onInvalidEvent });
    return { ...client, link: new MutableLinkStatus('open'), mode: 'electron' };
  }
  const token = takeWebHostToken(window.location, window.sessionStorage, window.history);
  if (!token) {
    const link = new MutableLinkStatus('closed');
    link.set('closed', 'this page was opened without its access token; open the address the console host printed');
    const client = createApiClient({
      send: (r) =>
        Promise.resolve({
          type: 'result',
          id: r.id,
          ok: false,
          error: { code: 'forbidden', message: link.problem ?? '' },
        }),
      listen: () => () => {},
    });
    return { ...client, link, mode: 'web' };
  }
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const { transport, link } = socketTransport({
    origin: `${scheme}//${window.location.host}`,
    token,
    onProblem: (m) => console.warn(`api: ${m}`),
  });
  return { ...createApiClient(transport, { onInvalidEvent }), link, mode: 'web' };
}

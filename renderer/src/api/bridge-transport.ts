import type { ApiTransport, DispatchConsoleBridge } from '../../../shared/ipc/index.js';

/** The API through Electron's preload: one invoke per call, subscriptions kept by the preload. */
export function bridgeTransport(bridge: DispatchConsoleBridge): ApiTransport {
  return {
    send: (request) => bridge.call(request),
    listen(event, listener) {
      const id = bridge.subscribe(event, listener);
      return () => bridge.unsubscribe(id);
    },
  };
}

/**
 * What the preload exposes as `window.dispatchConsole`: plain data in and out (contextBridge copies values), so a
 * failed call comes back as an error envelope rather than a thrown Error that would lose its code on the way.
 */
export interface DispatchConsoleBridge {
  /** Sends a call envelope; resolves with the result envelope (validated by the renderer's client). */
  call(request: unknown): Promise<unknown>;
  /** Receives every payload of one event until unsubscribed; returns the subscription's id. */
  subscribe(event: string, listener: (payload: unknown) => void): number;
  unsubscribe(subscriptionId: number): void;
}

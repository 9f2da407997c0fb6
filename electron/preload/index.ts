// The preload: exposes the typed API's three functions to the page, and nothing else (no ipcRenderer, no Node).
import { contextBridge, ipcRenderer } from 'electron';
import type { DispatchConsoleBridge } from '../../shared/ipc/bridge.js';
import { BRIDGE_GLOBAL, IPC_CHANNELS } from '../../shared/ipc/channels.js';

type Listener = (payload: unknown) => void;

const subscriptions = new Map<number, { event: string; listener: Listener }>();
let nextId = 1;

const countFor = (event: string) => [...subscriptions.values()].filter((s) => s.event === event).length;

ipcRenderer.on(IPC_CHANNELS.event, (_ipcEvent, message: { event?: unknown; payload?: unknown }) => {
  for (const s of subscriptions.values()) if (s.event === message?.event) s.listener(message.payload);
});

const bridge: DispatchConsoleBridge = {
  call: (request) => ipcRenderer.invoke(IPC_CHANNELS.call, request),
  subscribe(event, listener) {
    if (typeof event !== 'string' || typeof listener !== 'function') throw new TypeError('subscribe(event, listener)');
    const id = nextId++;
    if (countFor(event) === 0) ipcRenderer.send(IPC_CHANNELS.subscribe, event);
    subscriptions.set(id, { event, listener });
    return id;
  },
  unsubscribe(id) {
    const s = subscriptions.get(id);
    if (!s) return;
    subscriptions.delete(id);
    if (countFor(s.event) === 0) ipcRenderer.send(IPC_CHANNELS.unsubscribe, s.event);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);

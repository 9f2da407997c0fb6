import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  API_METHODS,
  IPC_CHANNELS,
  errorResult,
  isEventName,
  isMethodName,
  type ApiMethods,
  type CallResult,
  type Handlers,
  type MethodMap,
} from '../../shared/ipc/index.js';
import { ApiRouter, idOf, readCall } from '../core/api/router.js';
import type { CoreLink } from './core-link.js';
import { isTrustedSender } from './sender.js';

/** Methods main answers itself because they need the calling page (printing); everything else goes to core. */
export type MainMethods = Partial<Handlers<ApiMethods, WebContents>>;

/** Main's own methods behind the same router core uses: the same checks of arguments, results and errors. */
function mainRouter(methods: MainMethods, log: (message: string) => void): ApiRouter<WebContents> {
  const served: MethodMap = {};
  for (const name of Object.keys(methods)) if (isMethodName(name)) served[name] = API_METHODS[name];
  return new ApiRouter<WebContents>(methods as Handlers<MethodMap, WebContents>, {
    methods: served,
    logError: (message, err) =>
      log(
        err === undefined ? message : `${message}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      ),
  });
}

/**
 * The relay between the renderer and core on the fixed channels. Every message is checked before core sees it: the
 * sender must be the console page (top frame, app origin), a call must be a valid envelope naming a method of the
 * contract, a subscription must name an event of it. Core checks the arguments and results themselves.
 */
export function relayIpc(
  ipc: IpcMain,
  core: CoreLink,
  appOrigin: string,
  log: (message: string) => void,
  mainMethods: MainMethods = {},
): () => void {
  const subscriptions = new Map<WebContents, Set<string>>();
  const own = mainRouter(mainMethods, log);

  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent, what: string) => {
    if (isTrustedSender(event.senderFrame, appOrigin)) return true;
    log(`refused ${what} from ${event.senderFrame?.url ?? 'a closed frame'}`);
    return false;
  };

  ipc.handle(IPC_CHANNELS.call, async (event, request: unknown): Promise<CallResult> => {
    if (!trusted(event, 'a call'))
      return errorResult(idOf(request), 'forbidden', 'calls are accepted only from the console page');
    const read = readCall(request);
    if ('refused' in read) return read.refused;
    return own.answers(read.call.method) ? own.handle(read.call, event.sender) : core.call(read.call);
  });

  const subscribe = (event: IpcMainEvent, name: unknown) => {
    if (!trusted(event, 'a subscription')) return;
    if (typeof name !== 'string' || !isEventName(name)) return log(`refused a subscription to ${String(name)}`);
    const contents = event.sender;
    let set = subscriptions.get(contents);
    if (!set) {
      set = new Set();
      subscriptions.set(contents, set);
      contents.once('destroyed', () => subscriptions.delete(contents));
    }
    set.add(name);
  };
  const unsubscribe = (event: IpcMainEvent, name: unknown) => {
    if (!trusted(event, 'an unsubscription') || typeof name !== 'string') return;
    subscriptions.get(event.sender)?.delete(name);
  };
  ipc.on(IPC_CHANNELS.subscribe, subscribe);
  ipc.on(IPC_CHANNELS.unsubscribe, unsubscribe);

  const stopEvents = core.onEvent((message) => {
    for (const [contents, names] of subscriptions)
      if (names.has(message.event) && !contents.isDestroyed()) contents.send(IPC_CHANNELS.event, message);
  });

  return () => {
    ipc.removeHandler(IPC_CHANNELS.call);
    ipc.removeListener(IPC_CHANNELS.subscribe, subscribe);
    ipc.removeListener(IPC_CHANNELS.unsubscribe, unsubscribe);
    stopEvents();
    subscriptions.clear();
  };
}

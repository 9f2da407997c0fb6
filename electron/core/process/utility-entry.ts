// The core process: Electron's main starts this file with utilityProcess.fork and relays the renderer's calls to it.
// It is plain Node; the only Electron-specific thing is process.parentPort, the channel to main.
import { join } from 'node:path';
import { errorResult, type CallResult, type EventMessage } from '../../../shared/ipc/index.js';
import { openCoreApi, type CoreApi } from '../api/core-api.js';
import { ToCore, type CoreLifecycle } from './messages.js';

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: CallResult | EventMessage | CoreLifecycle): void;
}

const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) {
  console.error('core process: start me with Electron utilityProcess.fork (or use the web host in plain Node)');
  process.exit(2);
}

let core: CoreApi | null = null;

// In the packaged app this file is dist/electron/core.cjs and the engine's worker is built beside it.
if (typeof __dirname === 'string' && __filename.endsWith('.cjs'))
  process.env.DISPATCH_ENGINE_WORKER ??= join(__dirname, 'engine-worker.mjs');

port.on('message', ({ data }) => void receive(port, data));

async function receive(parent: ParentPort, data: unknown): Promise<void> {
  const parsed = ToCore.safeParse(data);
  if (!parsed.success) {
    console.error('core process: ignored a message outside the protocol');
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'init':
      if (core) return;
      try {
        core = openCoreApi(message.config);
        core.events.connect((event) => parent.postMessage(event));
        parent.postMessage({ type: 'ready' });
      } catch (err) {
        parent.postMessage({ type: 'failed', message: (err as Error).message });
        process.exit(1);
      }
      return;
    case 'call':
      parent.postMessage(
        core ? await core.router.handle(message) : errorResult(message.id, 'unavailable', 'core is starting'),
      );
      return;
    case 'shutdown':
      await core?.close();
      parent.postMessage({ type: 'closed' });
      process.exit(0);
  }
}

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basemapOriginsOf, contentSecurityPolicy } from '../../shared/security/csp.js';
import type { CoreApi } from '../core/api/core-api.js';
import { attachSocketApi } from './socket-api.js';
import { serveRenderer } from './static-server.js';

export interface WebHostOptions {
  core: CoreApi;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Loopback only: the API is guarded by a token, but the host is meant for this machine. */
  host?: '127.0.0.1' | 'localhost';
  port?: number;
  log?: (message: string) => void;
}

export interface WebHost {
  /** Where to open the console: the page with this start's token in its fragment. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  clients(): number;
  close(): Promise<void>;
}

/** The same core in a plain Node process, serving the built renderer and the API over a WebSocket on loopback. */
export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const log = o.log ?? ((m: string) => console.log(`web host: ${m}`));
  const token = randomBytes(32).toString('base64url');
  let port = 0;
  const hosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const csp = () => {
    const basemapOrigins = basemapOriginsOf(o.core.settings.get());
    return {
      header: contentSecurityPolicy({ basemapOrigins }, 'header'),
      meta: contentSecurityPolicy({ basemapOrigins }, 'meta'),
    };
  };
  const server = createServer((req, res) => {
    // A page reached through another name (DNS rebinding) is refused before anything is read.
    if (!hosts().includes(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('this host answers only to 127.0.0.1 and localhost\n');
      return;
    }
    serveRenderer(req, res, { root: o.rendererDir, basemapsDir: o.core.basemapsDir, csp });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const socketApi = attachSocketApi(server, {
    core: o.core,
    token,
    allowedHosts: hosts,
    allowedOrigins: () => hosts().map((h) => `http://${h}`),
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    clients: socketApi.clients,
    async close() {
      await socketApi.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

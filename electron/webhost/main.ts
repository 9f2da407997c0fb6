// npm run webhost — the console for a browser: core in this Node process, the built renderer and the API on loopback.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { coreEnvironment } from '../core/api/config.js';
import { openCoreApi } from '../core/api/core-api.js';
import { startWebHost } from './webhost.js';

const USAGE = `usage: npm run webhost -- [--port N] [--renderer DIR] [--data-dir DIR]
  --port N        listen on 127.0.0.1:N (default 0: any free port; or DISPATCH_WEB_PORT)
  --renderer DIR  the built renderer (default dist/renderer; build it with npm run build)
  --data-dir DIR  the console's cache and settings (default .data/console, or DISPATCH_DATA_DIR)
environment: DISPATCH_SERVER_URL and DISPATCH_TOKEN connect the console to a sync server;
             DISPATCH_SQLITE_BINDING points at another better-sqlite3 build.`;

/** The app's name and version from the nearest package.json above this file. */
function appIdentity(): { name: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; productName?: string; version?: string };
    if (pkg.name === 'dispatch-console') return { name: pkg.productName ?? pkg.name, version: pkg.version ?? '0.0.0' };
  }
  return { name: 'Dispatch Console', version: '0.0.0' };
}

async function main(): Promise<void> {
  let values: { port?: string; renderer?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        port: { type: 'string' },
        renderer: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`web host: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) return console.log(USAGE);
  const portText = values.port ?? process.env.DISPATCH_WEB_PORT ?? '0';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    console.error(`web host: --port must be a port number, got "${portText}"\n${USAGE}`);
    process.exit(2);
  }
  const rendererDir = resolve(values.renderer ?? 'dist/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`web host: no built renderer in ${rendererDir}; run npm run build first`);
    process.exit(2);
  }
  const env = { ...process.env, ...(values['data-dir'] ? { DISPATCH_DATA_DIR: values['data-dir'] } : {}) };
  const identity = appIdentity();
  const core = openCoreApi({
    ...coreEnvironment(env, { dataDir: resolve('.data/console') }),
    mode: 'web',
    appName: identity.name,
    version: identity.version,
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
    electronVersion: null,
  });
  const host = await startWebHost({ core, rendererDir, port: Number(portText) });
  console.log(`web host: console at ${host.url}`);
  console.log('web host: the address carries this start’s access token; open it in Chromium, Chrome, Edge or Firefox');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`web host: ${signal} — closing`);
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: Error) => {
  console.error(`web host: ${err.message}`);
  process.exit(1);
});

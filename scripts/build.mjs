// npm run build — bundles Electron's main, preload and core with esbuild (CJS; better-sqlite3 stays a real
// node_module, rebuilt for Electron by electron-builder), the web host (ESM for Node), and the renderer with Vite.
// `npm start` calls ensureBuilt(), which rebuilds only what is missing or older than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const at = (...p) => join(root, ...p);

// Loaded by the code at run time, never bundled: native addons and ws's optional native speed-ups.
const NATIVE = ['better-sqlite3', 'bufferutil', 'utf-8-validate'];

const TARGETS = {
  electron: {
    outputs: [
      at('dist/electron/main.cjs'),
      at('dist/electron/preload.cjs'),
      at('dist/electron/core.cjs'),
      at('dist/electron/engine-worker.mjs'),
    ],
    inputs: [at('electron/main'), at('electron/preload'), at('electron/core'), at('shared'), at('package.json')],
  },
  webhost: {
    outputs: [at('dist/webhost/main.mjs'), at('dist/webhost/engine-worker.js')],
    inputs: [at('electron/webhost'), at('electron/core'), at('shared'), at('package.json')],
  },
  renderer: {
    outputs: [at('dist/renderer/index.html')],
    inputs: [at('renderer'), at('shared'), at('vite.config.ts'), at('package.json')],
  },
};

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Whether a target is missing or older than any of its sources. */
export function isStale(name) {
  const { outputs, inputs } = TARGETS[name];
  if (!outputs.every((o) => existsSync(o))) return true;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return Math.max(...inputs.map(newestMtime)) > built;
}

const common = { bundle: true, platform: 'node', sourcemap: true, legalComments: 'none', logLevel: 'warning' };

export async function buildElectron() {
  // Electron 39 runs Node 22 in main, preload and utility processes.
  const cjs = { ...common, format: 'cjs', target: 'node22', absWorkingDir: root };
  await Promise.all([
    esbuild({
      ...cjs,
      entryPoints: [at('electron/main/index.ts')],
      outfile: at('dist/electron/main.cjs'),
      external: ['electron', ...NATIVE],
    }),
    // The sandboxed preload may require only `electron`: everything else is inlined.
    esbuild({
      ...cjs,
      entryPoints: [at('electron/preload/index.ts')],
      outfile: at('dist/electron/preload.cjs'),
      external: ['electron'],
    }),
    esbuild({
      ...cjs,
      entryPoints: [at('electron/core/process/core-process.ts')],
      outfile: at('dist/electron/core.cjs'),
      external: NATIVE,
    }),
    // The dispatch engine's worker thread (core points DISPATCH_ENGINE_WORKER at it).
    esbuild({
      ...common,
      format: 'esm',
      target: 'node22',
      absWorkingDir: root,
      entryPoints: [at('electron/core/dispatch/engine-worker.ts')],
      outfile: at('dist/electron/engine-worker.mjs'),
      external: NATIVE,
    }),
  ]);
}

export async function buildWebHost() {
  const esm = { ...common, format: 'esm', target: 'node20', absWorkingDir: root, packages: 'external' };
  await Promise.all([
    // Runs from the checkout, beside node_modules.
    esbuild({ ...esm, entryPoints: [at('electron/webhost/main.ts')], outfile: at('dist/webhost/main.mjs') }),
    // The dispatch engine's worker, found beside the bundle that starts it.
    esbuild({
      ...esm,
      entryPoints: [at('electron/core/dispatch/engine-worker.ts')],
      outfile: at('dist/webhost/engine-worker.js'),
    }),
  ]);
}

export async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: at('vite.config.ts'), root: at('renderer'), logLevel: 'warn' });
}

const BUILDERS = { electron: buildElectron, webhost: buildWebHost, renderer: buildRenderer };

/** Builds the named targets that are missing or stale; answers with the ones it built. */
export async function ensureBuilt(names, log = console.log) {
  const built = [];
  for (const name of names) {
    if (!isStale(name)) continue;
    log(`building ${name}…`);
    const started = Date.now();
    await BUILDERS[name]();
    log(`built ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    built.push(name);
  }
  return built;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const ifStale = args.includes('--if-stale');
  const listed = args.filter((a) => a !== '--if-stale');
  const names = listed.length ? listed : Object.keys(BUILDERS);
  const unknown = names.filter((n) => !(n in BUILDERS));
  if (unknown.length) {
    console.error(`build: unknown target ${unknown.join(', ')}; targets are ${Object.keys(BUILDERS).join(', ')}`);
    process.exit(2);
  }
  if (ifStale) await ensureBuilt(names, (m) => console.log(`build: ${m}`));
  else
    for (const name of names) {
      const started = Date.now();
      await BUILDERS[name]();
      console.log(`build: ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
}

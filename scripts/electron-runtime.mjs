// What `npm start` needs to launch Electron: its binary (electron's own install step, on first start) and a
// better-sqlite3 built for Electron's ABI, kept in a cache folder so the Node build in node_modules stays for the
// tests and the web host.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));

/** The installed electron package's version (the binary may still be missing). */
export function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
}

/** The Electron executable, or null when its binary has not been downloaded. */
export function electronBinary() {
  const dir = join(root, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Runs electron's own install step (npm install skips it here: allowScripts.electron is false). */
export function fetchElectron(log) {
  log(`fetching the Electron ${electronVersion()} binary (node node_modules/electron/install.js)…`);
  const run = spawnSync(process.execPath, [join(root, 'node_modules/electron/install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const binary = electronBinary();
  if (binary) return { ok: true, binary };
  const why = `${run.stderr ?? ''}${run.stdout ?? ''}`
    .trim()
    .split('\n')
    .find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONN|timed out/i.test(l));
  return { ok: false, reason: why ? why.trim() : `the install step exited with ${run.status ?? run.signal}` };
}

/**
 * A better-sqlite3 binary for this Electron: a prebuilt one (prebuild-install --runtime electron) or, failing that,
 * one compiled by @electron/rebuild, both into a copy of the package under node_modules/.cache. Answers its path.
 */
export async function ensureElectronSqlite(log) {
  const ev = electronVersion();
  const sqlitePkg = JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8'));
  const project = join(
    root,
    'node_modules/.cache/dispatch-console/electron-sqlite',
    `better-sqlite3-${sqlitePkg.version}-electron-${ev}-${process.platform}-${process.arch}`,
  );
  const copy = join(project, 'node_modules/better-sqlite3');
  const binding = join(copy, 'build/Release/better_sqlite3.node');
  if (existsSync(binding)) return { ok: true, binding };

  rmSync(project, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  const source = resolve(require.resolve('better-sqlite3/package.json'), '..');
  // The Node build (build/) stays behind: the copy gets Electron's.
  cpSync(source, copy, {
    recursive: true,
    filter: (p) => !p.startsWith(join(source, 'build') + sep) && p !== join(source, 'build'),
  });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'electron-sqlite', private: true, dependencies: { 'better-sqlite3': sqlitePkg.version } }),
  );

  log(`fetching better-sqlite3 ${sqlitePkg.version} prebuilt for Electron ${ev}…`);
  const prebuild = spawnSync(
    process.execPath,
    [
      require.resolve('prebuild-install/bin.js'),
      '--runtime',
      'electron',
      '--target',
      ev,
      '--arch',
      process.arch,
      '--platform',
      process.platform,
    ],
    { cwd: copy, encoding: 'utf8', timeout: 300_000 },
  );
  if (existsSync(binding)) return { ok: true, binding };
  const prebuildWhy =
    (prebuild.stderr ?? '')
      .trim()
      .split('\n')
      .filter((l) => /warn|err/i.test(l))
      .at(-1) ?? `exit ${prebuild.status}`;

  log('no prebuilt binary; compiling better-sqlite3 for Electron with @electron/rebuild…');
  let cli;
  try {
    cli = join(resolve(require.resolve('@electron/rebuild'), '..'), 'cli.js');
  } catch {
    cli = null;
  }
  // In a child, so node-gyp's own output and stack traces stay out of the start log.
  const compile = cli
    ? spawnSync(
        process.execPath,
        [cli, '--version', ev, '--module-dir', project, '--only', 'better-sqlite3', '--force'],
        { cwd: project, encoding: 'utf8', timeout: 900_000 },
      )
    : null;
  if (existsSync(binding)) return { ok: true, binding };
  rmSync(project, { recursive: true, force: true });
  const compileOutput = compile ? `${compile.stderr ?? ''}\n${compile.stdout ?? ''}` : '';
  const compileWhy = !compile
    ? '@electron/rebuild is not installed'
    : /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(compileOutput)
      ? "could not download Electron's headers (no network)"
      : (compileOutput
          .split('\n')
          .map((l) => l.trim())
          .find((l) => /gyp ERR|Error:/.test(l)) ?? `exit ${compile.status}`);
  return { ok: false, reason: `prebuilt: ${prebuildWhy.replace(/^prebuild-install /, '')}; compiling: ${compileWhy}` };
}

// npm start — the whole console on this machine: builds what is missing or stale, starts the sync server with its
// embedded SQLite and the simulated city, the field simulator when this checkout has one, and the console: Electron
// when its binary is here or can be fetched, the web host otherwise. Ctrl+C stops every child cleanly.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureBuilt } from './build.mjs';
import { electronBinary, electronVersion, ensureElectronSqlite, fetchElectron } from './electron-runtime.mjs';

const USAGE = `usage: npm start -- [options]
  --web               use the web host even when Electron is available
  --port N            the web host's port (default: any free port)
  --server-port N     the sync server's port (default: the server's own, 4300; 0 picks a free one)
  --user ID           sign in as this demo user (default dispatcher-1; also dispatcher-2, supervisor, viewer)
  --speed N           simulated minutes per real minute for the field simulator
  --no-sim            do not start the field simulator
  --autopilot on|off  the autopilot dispatcher (default on); off: a human-only day, and the day so far (played
                      on the server's first start) was dispatched the way a busy person would
  --open              open the console in the default browser ($BROWSER, else the system's opener)
  --data-dir DIR      where the server's database and the console's cache live (default .data)`;

const root = resolve(import.meta.dirname, '..');
const say = (line) => console.log(`[start] ${line}`);

let options;
try {
  ({ values: options } = parseArgs({
    args: process.argv.slice(2),
    options: {
      web: { type: 'boolean', default: false },
      port: { type: 'string' },
      'server-port': { type: 'string' },
      user: { type: 'string', default: 'dispatcher-1' },
      speed: { type: 'string' },
      'no-sim': { type: 'boolean', default: false },
      autopilot: { type: 'string', default: 'on' },
      open: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }));
} catch (err) {
  console.error(`[start] ${err.message}\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (options.autopilot !== 'on' && options.autopilot !== 'off') {
  console.error(`[start] --autopilot must be on or off, got "${options.autopilot}"\n${USAGE}`);
  process.exit(2);
}
const dataDir = resolve(options['data-dir'] ?? join(root, '.data'));

/** A child process in its own process group (so stopping it stops what it started), its output prefixed. */
class Child {
  constructor(name, command, args, env = {}) {
    this.name = name;
    this.exited = false;
    this.code = null;
    this.waiters = [];
    this.lines = [];
    this.proc = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const onData = (stream) => {
      let buffer = '';
      stream.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        const parts = buffer.split('\n');
        buffer = parts.pop() ?? '';
        for (const line of parts) this.line(line);
      });
    };
    onData(this.proc.stdout);
    onData(this.proc.stderr);
    this.done = new Promise((resolveDone) =>
      this.proc.on('exit', (code, signal) => {
        this.exited = true;
        this.code = code ?? (signal ? 128 : 1);
        for (const w of this.waiters) w.reject(new Error(`${name} exited (${code ?? signal}) before it was ready`));
        this.waiters = [];
        resolveDone(this.code);
      }),
    );
    this.proc.on('error', (err) => this.line(`could not start: ${err.message}`));
  }

  line(text) {
    this.lines.push(text);
    if (this.lines.length > 200) this.lines.shift();
    console.log(`[${this.name}] ${text}`);
    this.waiters = this.waiters.filter((w) => {
      const m = w.re.exec(text);
      if (m) w.resolve(m);
      return !m;
    });
  }

  /** Resolves with the first line matching `re`. */
  waitFor(re, timeoutMs) {
    for (const l of this.lines) {
      const m = re.exec(l);
      if (m) return Promise.resolve(m);
    }
    if (this.exited) return Promise.reject(new Error(`${this.name} has exited`));
    return new Promise((resolveWait, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name} did not say ${re} within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      this.waiters.push({
        re,
        resolve: (m) => (clearTimeout(timer), resolveWait(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }

  signal(sig) {
    if (this.exited || !this.proc.pid) return;
    try {
      if (process.platform === 'win32') spawn('taskkill', ['/pid', String(this.proc.pid), '/T', '/F']);
      else process.kill(-this.proc.pid, sig);
    } catch {
      // already gone
    }
  }

  /** Asks politely (SIGINT, as Ctrl+C would), then insists. */
  async stop(timeoutMs = 8_000) {
    if (this.exited) return;
    this.signal('SIGINT');
    const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
    await this.done;
    clearTimeout(timer);
  }
}

/** `npm run <script> -- args` through the npm that runs us (no shell, no npm.cmd lookup). */
function npmRun(name, script, args, env) {
  const npm = process.env.npm_execpath;
  const [command, prefix] = npm ? [process.execPath, [npm]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  return new Child(name, command, [...prefix, 'run', '--silent', script, '--', ...args], env);
}

function hasScript(name) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Boolean(pkg.scripts?.[name]);
}

const children = [];
let stopping = false;
/** The page that hands the browser the console's address, token included (--open); removed when npm start ends. */
let openerPage = null;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  // The console first (it closes its cache), then whoever feeds the server, then the server.
  for (const child of [...children].reverse()) await child.stop();
  say('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
process.on('SIGHUP', () => void stopAll(0));
// Should this script die unexpectedly, take the children with it.
process.on('exit', () => {
  children.forEach((c) => c.signal('SIGKILL'));
  if (openerPage) rmSync(openerPage, { force: true });
});

/** Electron if it can run here, with the reason when it cannot. */
async function chooseShell() {
  if (options.web) return { kind: 'web', why: 'asked for with --web' };
  let binary = electronBinary();
  if (!binary) {
    const fetched = fetchElectron(say);
    if (!fetched.ok) return { kind: 'web', why: `the Electron binary could not be fetched (${fetched.reason})` };
    binary = fetched.binary;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { kind: 'web', why: 'no display to open a window on (DISPLAY is not set)' };
  const sqlite = await ensureElectronSqlite(say);
  if (!sqlite.ok) return { kind: 'web', why: `no better-sqlite3 build for Electron (${sqlite.reason})` };
  return { kind: 'electron', binary, binding: sqlite.binding };
}

async function startServer() {
  if (!hasScript('server')) {
    say('sync server: not in this checkout (no "server" script) — the console runs on its cache alone');
    return null;
  }
  const tokensFile = join(dataDir, 'tokens.json');
  rmSync(tokensFile, { force: true });
  const args = [
    '--data-dir',
    join(dataDir, 'server'),
    '--tokens-out',
    tokensFile,
    '--warm-start',
    options.autopilot === 'on' ? 'engine' : 'greedy',
    ...(options['server-port'] ? ['--port', options['server-port']] : []),
  ];
  const server = npmRun('server', 'server', args);
  children.push(server);
  const [, url] = await server.waitFor(/listening on (http:\/\/\S+)/, 120_000);
  const end = Date.now() + 15_000;
  while (!existsSync(tokensFile)) {
    if (Date.now() > end || server.exited) throw new Error(`the server wrote no tokens to ${tokensFile}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const tokens = JSON.parse(readFileSync(tokensFile, 'utf8'));
  const user = tokens[options.user];
  if (!user)
    throw new Error(
      `there is no demo user "${options.user}"; try ${Object.keys(tokens)
        .filter((u) => !u.startsWith('dev-'))
        .join(', ')}`,
    );
  server.done.then((code) => {
    if (!stopping) say(`the sync server stopped (${code}); the console keeps working offline`);
  });
  return { url, token: user.token, tokensFile };
}

function startSimulator(server) {
  if (options['no-sim']) return say('field simulator: off (--no-sim)');
  if (!server) return;
  if (!hasScript('sim')) {
    say('field simulator: not in this checkout yet (no "sim" script) — engineers will not move by themselves');
    return;
  }
  const args = [
    '--url',
    server.url,
    '--tokens',
    server.tokensFile,
    ...(options.speed ? ['--speed', options.speed] : []),
  ];
  const sim = npmRun('sim', 'sim', args);
  children.push(sim);
  sim.done.then((code) => {
    if (!stopping) say(`the field simulator stopped (${code})`);
  });
}

function startAutopilot(server) {
  if (!server) return;
  if (options.autopilot === 'off') return say('autopilot: off — people dispatch every team (--autopilot off)');
  if (!hasScript('autopilot')) return say('autopilot: not in this checkout (no "autopilot" script)');
  const autopilot = npmRun('autopilot', 'autopilot', ['--url', server.url, '--tokens', server.tokensFile]);
  children.push(autopilot);
  autopilot.done.then((code) => {
    if (!stopping) say(`the autopilot stopped (${code})`);
  });
}

/**
 * Opens the console in a browser without putting its access token on a command line, where every user of the machine
 * could read it: the browser is given a page readable by this user alone that forwards it to the address.
 */
function openInBrowser(url, dir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  openerPage = join(dir, 'open-console.html');
  const attr = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  writeFileSync(
    openerPage,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
      `<meta http-equiv="refresh" content="0;url=${attr}"><title>Dispatch console</title>`,
    { mode: 0o600 },
  );
  chmodSync(openerPage, 0o600);
  const fallback = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const opener = process.env.BROWSER || fallback;
  const child = spawn(opener, [pathToFileURL(openerPage).href], { stdio: 'ignore', detached: true });
  child.on('error', () => say(`could not open a browser (${opener}); open the address above yourself`));
  child.unref();
}

async function main() {
  const shell = await chooseShell();
  const built = await ensureBuilt(['renderer', shell.kind === 'electron' ? 'electron' : 'webhost'], say);
  if (built.length === 0) say('the build is up to date');
  const server = await startServer();
  startSimulator(server);
  startAutopilot(server);
  const consoleDir = join(dataDir, 'console');
  const env = {
    DISPATCH_DATA_DIR: consoleDir,
    DISPATCH_SERVER_URL: server?.url ?? '',
    DISPATCH_TOKEN: server?.token ?? '',
  };
  let console_;
  if (shell.kind === 'electron') {
    // Chromium will not start its sandbox as root; the renderer stays isolated by contextIsolation and the CSP.
    const rootUser = typeof process.getuid === 'function' && process.getuid() === 0;
    const args = [...(rootUser ? ['--no-sandbox'] : []), join(root, 'dist/electron/main.cjs')];
    console_ = new Child('console', shell.binary, args, { ...env, DISPATCH_SQLITE_BINDING: shell.binding });
    children.push(console_);
    await console_.waitFor(/console window open/, 60_000);
    say(
      `console: Electron ${electronVersion()} — the window is open${rootUser ? ' (running as root: Chromium sandbox off)' : ''}`,
    );
  } else {
    say(`Electron: not used — ${shell.why}`);
    const port = options.port ?? process.env.DISPATCH_WEB_PORT ?? '0';
    const args = [join(root, 'dist/webhost/main.mjs'), '--port', port, '--data-dir', consoleDir];
    console_ = new Child('console', process.execPath, args, env);
    children.push(console_);
    const [, url] = await console_.waitFor(/console at (http:\/\/\S+)/, 60_000);
    say(`console: web host — open ${url}`);
    if (options.open) openInBrowser(url, consoleDir);
  }
  if (server) say(`signed in as ${options.user} to ${server.url}; Ctrl+C stops everything`);
  const code = await console_.done;
  if (!stopping) {
    say(`the console exited (${code})`);
    await stopAll(code === 0 ? 0 : 1);
  }
}

main().catch(async (err) => {
  console.error(`[start] ${err.message}`);
  await stopAll(1);
});

// npm run test:stress — the unit and integration suites on a busy machine: two processes that burn a core each run
// beside them (started here and stopped by their process ids, whatever happens), three rounds in a row, stopping at
// the first red round. A check whose verdict depends on how busy the machine is fails here.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run test:stress -- [--rounds N] [--burners N] [--suites unit,integration]`;

let options;
try {
  ({ values: options } = parseArgs({
    args: process.argv.slice(2),
    options: {
      rounds: { type: 'string', default: '3' },
      burners: { type: 'string', default: '2' },
      suites: { type: 'string', default: 'unit,integration' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }));
} catch (err) {
  console.error(`[stress] ${err.message}\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const rounds = Number(options.rounds);
const burnerCount = Number(options.burners);
const suites = options.suites.split(',').filter(Boolean);
for (const [name, n] of [
  ['--rounds', rounds],
  ['--burners', burnerCount],
]) {
  if (!Number.isInteger(n) || n < 0) {
    console.error(`[stress] ${name} must be a whole number ≥ 0\n${USAGE}`);
    process.exit(2);
  }
}
for (const s of suites) {
  if (s !== 'unit' && s !== 'integration') {
    console.error(`[stress] unknown suite ${s}: unit or integration\n${USAGE}`);
    process.exit(2);
  }
}

const say = (line) => console.log(`[stress] ${line}`);

/** A process that keeps one core busy until it is killed. */
const burners = [];
function startBurners() {
  for (let i = 0; i < burnerCount; i++) {
    const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    burners.push(child);
    say(`burner ${i + 1} running as pid ${child.pid}`);
  }
}

function stopBurners() {
  for (const child of burners.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}

process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopBurners();
    process.exit(130);
  });
}

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

startBurners();
const times = [];
for (let round = 1; round <= rounds; round++) {
  const started = Date.now();
  for (const suite of suites) {
    say(`round ${round} of ${rounds}: ${suite}`);
    const code = await run(`test:${suite}`);
    if (code !== 0) {
      say(`round ${round}: test:${suite} failed (exit ${code}) with ${burnerCount} burners beside it`);
      stopBurners();
      process.exit(1);
    }
  }
  times.push(Math.round((Date.now() - started) / 1000));
  say(`round ${round} green in ${times.at(-1)} s`);
}
stopBurners();
say(`${rounds} rounds green with ${burnerCount} burners: ${times.map((t) => `${t} s`).join(', ')}`);

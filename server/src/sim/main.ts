// npm run sim — the field simulator: engineer devices and the call-intake desk, as clients of the sync server.
import { SIM_USAGE, readSimConfig, type SimConfig } from './config.js';
import { FieldSimulator, progressLine } from './simulator.js';

/** Log lines, at most `max` per window, so a thousand devices saying the same thing do not flood the terminal. */
function limitedLog(max = 30, windowMs = 10_000): (line: string) => void {
  let windowStart = Date.now();
  let shown = 0;
  let suppressed = 0;
  return (line) => {
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      if (suppressed > 0) console.log(`(${suppressed} more messages not shown)`);
      windowStart = now;
      shown = 0;
      suppressed = 0;
    }
    if (shown++ < max) console.log(line);
    else suppressed += 1;
  };
}

async function main(): Promise<void> {
  let config: SimConfig;
  try {
    config = readSimConfig(process.argv.slice(2));
  } catch (err) {
    console.error(`sim: ${(err as Error).message}\n${SIM_USAGE}`);
    process.exit(2);
  }
  if (config.help) {
    console.log(SIM_USAGE);
    return;
  }
  const log = limitedLog();
  console.log(`sim: connecting to ${config.options.url} (tokens from ${config.options.credentials.source})`);
  let sim: FieldSimulator;
  try {
    sim = await FieldSimulator.start({ ...config.options, log });
  } catch (err) {
    console.error(`sim: ${(err as Error).message}`);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`sim: ${why} — stopping`);
    const stats = await sim.stop();
    console.log(progressLine(stats));
    console.log(JSON.stringify(stats));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (config.seconds !== null) setTimeout(() => void stop(`${config.seconds} s are up`), config.seconds * 1000);
}

void main();

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AREAS } from '../../../shared/scenario/index.js';
import { credentialsFromFile, credentialsFromSecret, type Credentials } from './credentials.js';
import type { SimulatorOptions } from './simulator.js';

export const SIM_USAGE = `usage: npm run sim -- [options]
  --url URL                 the sync server (default http://127.0.0.1:4300, or DISPATCH_SERVER_URL)
  --data-dir DIR            sign in with the server's token secret from DIR (default .data/server, or
                            DISPATCH_DATA_DIR; DISPATCH_TOKEN_SECRET wins when set)
  --tokens FILE             or sign in with the tokens "npm run server -- --tokens-out FILE" wrote
  --speed N                 simulated minutes per real minute (default 1; 10 or 30 make a lively demo)
  --start HH:MM             start the simulated clock at this local time today (default: now)
  --engineers N             simulate the first N engineers only (default: all)
  --orders-per-hour N       calls per simulated hour besides the city's own day, which is already sized to the
                            rota (default 0: none)
  --p1-share F              share of those calls that are P1 emergencies (default 0.1)
  --revisit-share F         share of finished jobs that need a revisit (default 0.08)
  --hold-share F            share of jobs put on hold on site (default 0.02)
  --no-replay               do not bring in the rest of the seeded city's day
  --city-seed N --city-orders N  the city the server was started with (default 7 and orders sized to the rota:
                            the server's defaults)
  --area ${Object.keys(AREAS).join('|')}   the city (default: found from where the engineers live)
  --seed N                  seed of the field's behaviour (default 1)
  --position-every S        real seconds between positions while driving (default 5; 30 while standing)
  --seconds N               stop after N real seconds (default: run until Ctrl-C)
  --report-every S          seconds between progress lines (default 10; 0: none)
  --help                    print this and exit`;

export interface SimConfig {
  /** `--help`: print the usage and stop. */
  help: boolean;
  options: Omit<SimulatorOptions, 'log'>;
  /** Real seconds to run; null for until stopped. */
  seconds: number | null;
}

function number(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new Error(`--${name} must be a number from ${min} to ${max}, got "${value}"`);
  return n;
}

function whole(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  const n = number(name, value, fallback, min, max);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return n;
}

function localTime(value: string | undefined): { localMinute: number } | null {
  if (value === undefined || value === 'now') return null;
  const m = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new Error(`--start must be a time HH:MM, got "${value}"`);
  return { localMinute: Number(m[1]) * 60 + Number(m[2]) };
}

/** The server's token secret, read (never created) from the environment or the data directory. */
function credentialsFrom(dataDir: string, env: NodeJS.ProcessEnv): Credentials {
  const fromEnv = env.DISPATCH_TOKEN_SECRET;
  if (fromEnv) return credentialsFromSecret(fromEnv, 'DISPATCH_TOKEN_SECRET');
  const path = join(dataDir, 'token-secret');
  if (!existsSync(path))
    throw new Error(`no token secret at ${path}: start the server first (npm run server), or pass --tokens FILE`);
  return credentialsFromSecret(readFileSync(path, 'utf8').trim(), path);
}

/** Reads flags, then environment, then defaults. Throws with a readable message on bad input. */
export function readSimConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): SimConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      'data-dir': { type: 'string' },
      tokens: { type: 'string' },
      speed: { type: 'string' },
      start: { type: 'string' },
      engineers: { type: 'string' },
      'orders-per-hour': { type: 'string' },
      'p1-share': { type: 'string' },
      'revisit-share': { type: 'string' },
      'hold-share': { type: 'string' },
      'no-replay': { type: 'boolean', default: false },
      'city-seed': { type: 'string' },
      'city-orders': { type: 'string' },
      area: { type: 'string' },
      seed: { type: 'string' },
      'position-every': { type: 'string' },
      seconds: { type: 'string' },
      'report-every': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const help = values.help ?? false;
  const url = values.url ?? env.DISPATCH_SERVER_URL ?? 'http://127.0.0.1:4300';
  if (!/^https?:\/\/[^\s/]+/.test(url)) throw new Error(`--url must be an http(s) address, got "${url}"`);
  if (values.area !== undefined && !(values.area in AREAS))
    throw new Error(`--area must be one of ${Object.keys(AREAS).join(', ')}, got "${values.area}"`);
  const credentials = help
    ? credentialsFromSecret('', 'none')
    : values.tokens
      ? credentialsFromFile(resolve(values.tokens))
      : credentialsFrom(resolve(values['data-dir'] ?? env.DISPATCH_DATA_DIR ?? '.data/server'), env);
  const positionEverySec = number('position-every', values['position-every'], 5, 1, 600);
  const engineers = values.engineers === undefined ? null : whole('engineers', values.engineers, 0, 1, 100_000);
  return {
    help,
    options: {
      url,
      credentials,
      speed: number('speed', values.speed, 1, 0.1, 1_000),
      start: localTime(values.start),
      engineers,
      ordersPerHour: number('orders-per-hour', values['orders-per-hour'], 0, 0, 100_000),
      p1Share: number('p1-share', values['p1-share'], 0.1, 0, 1),
      behaviour: {
        revisitShare: number('revisit-share', values['revisit-share'], 0.08, 0, 1),
        holdShare: number('hold-share', values['hold-share'], 0.02, 0, 1),
        noteShare: 0.3,
      },
      replayCity: values['no-replay']
        ? null
        : {
            seed: whole('city-seed', values['city-seed'], 7, 0, 2 ** 31),
            orders:
              values['city-orders'] === undefined ? null : whole('city-orders', values['city-orders'], 0, 0, 100_000),
          },
      area: values.area ?? null,
      seed: whole('seed', values.seed, 1, 0, 2 ** 31),
      positionEverySec,
      idlePositionEverySec: Math.max(positionEverySec, 30),
      reportEverySec: number('report-every', values['report-every'], 10, 0, 3_600),
    },
    seconds: values.seconds === undefined ? null : number('seconds', values.seconds, 0, 1, 7 * 24 * 3600),
  };
}

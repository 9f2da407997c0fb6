// npm run autopilot — the autopilot dispatcher as a client of the sync server, signed in as its own user.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { credentialsFromFile, credentialsFromSecret, type Credentials } from '../sim/credentials.js';
import { LiveAutopilot } from './live.js';

const USAGE = `usage: npm run autopilot -- [options]
  --url URL          the sync server (default http://127.0.0.1:4300, or DISPATCH_SERVER_URL)
  --data-dir DIR     sign in with the server's token secret from DIR (default .data/server, or DISPATCH_DATA_DIR;
                     DISPATCH_TOKEN_SECRET wins when set)
  --tokens FILE      or with the tokens "npm run server -- --tokens-out FILE" wrote
  --every S          real seconds between two looks at the centre (default 5)
  --budget MS        engine budget of one team's re-plan (default 60)
  --help             print this and exit`;

function credentials(values: { tokens?: string; 'data-dir'?: string }): Credentials {
  if (values.tokens) return credentialsFromFile(resolve(values.tokens));
  if (process.env.DISPATCH_TOKEN_SECRET)
    return credentialsFromSecret(process.env.DISPATCH_TOKEN_SECRET, 'DISPATCH_TOKEN_SECRET');
  const path = join(resolve(values['data-dir'] ?? process.env.DISPATCH_DATA_DIR ?? '.data/server'), 'token-secret');
  if (!existsSync(path)) throw new Error(`no token secret at ${path}: start the server first, or pass --tokens FILE`);
  return credentialsFromSecret(readFileSync(path, 'utf8').trim(), path);
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  let autopilot: LiveAutopilot;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        url: { type: 'string' },
        'data-dir': { type: 'string' },
        tokens: { type: 'string' },
        every: { type: 'string' },
        budget: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    autopilot = new LiveAutopilot({
      url: values.url ?? process.env.DISPATCH_SERVER_URL ?? 'http://127.0.0.1:4300',
      credentials: credentials(values),
      everySec: positive('every', values.every, 5),
      autopilot: { replanBudgetMs: positive('budget', values.budget, 60) },
      log: (line) => console.log(line),
    });
  } catch (err) {
    console.error(`autopilot: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`autopilot: ${why} — stopping`);
    await autopilot.stop();
    console.log(JSON.stringify({ mutations: autopilot.counts, decisions: autopilot.decisions }));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    await autopilot.start();
  } catch (err) {
    console.error(`autopilot: ${(err as Error).message}`);
    process.exit(1);
  }
}

void main();

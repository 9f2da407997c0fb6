import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleCore } from '../../electron/core/console-core.js';
import { claimsToken } from '../../electron/core/harness.testing.js';
import { seedFromScenario } from '../../electron/core/seed.testing.js';
import { generateScenario } from '../../shared/scenario/index.js';
import { PRINCIPALS } from '../../shared/sync/mutation-world.testing.js';

const KILLS = 50;
const artifacts = join(process.cwd(), 'tests', 'artifacts');
const writer = join(artifacts, 'crash-writer.mjs');
let dataDir: string;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  // One bundle so each of the 50 processes starts in milliseconds rather than compiling TypeScript.
  await build({
    entryPoints: [join(process.cwd(), 'tests', 'chaos', 'crash-writer.ts')],
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['better-sqlite3'],
    logLevel: 'error',
  });
  dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
  const core = new ConsoleCore({ dataDir, token: claimsToken(PRINCIPALS.dispatcher), transport: null });
  seedFromScenario(core, generateScenario({ seed: 3, engineers: 20, orders: 200 }));
  core.close();
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the writer, SIGKILLs it after `afterMs`, and returns the mutation ids it reported as stored. */
function writeUntilKilled(afterMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const told: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line) told.push(Number(line));
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    let killed = false;
    // Kill only once it is writing, so every run interrupts real transactions.
    const arm = setInterval(() => {
      if (told.length > 0 && !killed) {
        killed = true;
        clearInterval(arm);
        setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    }, 1);
    child.on('exit', (_code, signal) => {
      clearInterval(arm);
      if (signal !== 'SIGKILL') reject(new Error(`the writer stopped by itself: ${stderr}`));
      else resolve(told);
    });
  });
}

describe('crash safety of the local cache', () => {
  it(`survives ${KILLS} SIGKILLs during writes: integrity intact, every acknowledged mutation in the outbox, no half-written action`, async () => {
    const acknowledged = new Set<number>();
    for (let run = 0; run < KILLS; run++) {
      const told = await writeUntilKilled(5 + ((run * 37) % 60));
      for (const id of told) acknowledged.add(id);

      const db = new Database(join(dataDir, 'cache.sqlite'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const outbox = db.prepare('SELECT id, name FROM outbox ORDER BY id').all() as Array<{ id: number; name: string }>;
      const ids = new Set(outbox.map((r) => r.id));
      for (const id of acknowledged) expect(ids.has(id), `mutation ${id} was acknowledged but is missing`).toBe(true);
      // Ids stay contiguous: the server would otherwise see a gap.
      expect(outbox.map((r) => r.id)).toEqual(outbox.map((_, i) => i + 1));
      // Each stored action has its effect stored with it (its audit events), and nothing else is half there.
      const eventMutations = new Set(
        (db.prepare('SELECT id FROM events WHERE pending = 1').all() as Array<{ id: string }>).map((r) =>
          Number(r.id.split(':')[1]),
        ),
      );
      expect([...eventMutations].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
      db.close();
    }
    expect(acknowledged.size).toBeGreaterThan(KILLS);
    console.log(`crash safety: ${KILLS} kills, ${acknowledged.size} acknowledged mutations, all present`);
  }, 300_000);
});

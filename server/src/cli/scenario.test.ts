import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Scenario } from '../../../shared/scenario/index.js';

const dir = mkdtempSync(join(tmpdir(), 'scenario-cli-'));
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const cli = join(process.cwd(), 'server', 'src', 'cli', 'scenario.ts');

/** Runs the CLI as `npm run scenario` does, in its own process; resolves with its exit code and output. */
function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tsx, [cli, ...args], { encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

// Each run is a Node process that compiles the CLI with tsx before it starts: about a second on a quiet machine,
// several on a busy one. The timeout only catches a process that hangs.
const PROCESS_TIMEOUT_MS = 60_000;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run scenario', () => {
  it(
    'writes the same bytes for the same seed in two separate runs',
    async () => {
      const a = join(dir, 'a.json');
      const b = join(dir, 'b.json');
      const runs = await Promise.all(
        [a, b].map((out) => run(['--seed', '7', '--engineers', '60', '--orders', '400', '--out', out])),
      );
      expect(runs.map((r) => r.status)).toEqual([0, 0]);
      const bytes = readFileSync(a);
      expect(bytes.equals(readFileSync(b))).toBe(true);
      const city = Scenario.parse(JSON.parse(bytes.toString('utf8')));
      expect(city.engineers).toHaveLength(60);
      expect(city.orders).toHaveLength(400);
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'names the bad argument and exits non-zero',
    async () => {
      const [bad, missing, unknown] = await Promise.all([
        run(['--seed', 'seven', '--engineers', '60', '--orders', '400']),
        run(['--seed', '1', '--orders', '400']),
        run(['--seed', '1', '--engineers', '5', '--orders', '5', '--colour', 'red']),
      ]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--seed must be a whole number, got "seven"');
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('--engineers is required');
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toMatch(/Unknown option '--colour'/);
    },
    PROCESS_TIMEOUT_MS,
  );
});

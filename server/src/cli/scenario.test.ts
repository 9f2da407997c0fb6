import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Scenario } from '../../../shared/scenario/index.js';

const dir = mkdtempSync(join(tmpdir(), 'scenario-cli-'));
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const cli = join(process.cwd(), 'server', 'src', 'cli', 'scenario.ts');

function run(args: string[]) {
  return spawnSync(tsx, [cli, ...args], { encoding: 'utf8' });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run scenario', () => {
  it('writes the same bytes for the same seed in two separate runs', () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    execFileSync(tsx, [cli, '--seed', '7', '--engineers', '60', '--orders', '400', '--out', a]);
    execFileSync(tsx, [cli, '--seed', '7', '--engineers', '60', '--orders', '400', '--out', b]);
    const bytes = readFileSync(a);
    expect(bytes.equals(readFileSync(b))).toBe(true);
    const city = Scenario.parse(JSON.parse(bytes.toString('utf8')));
    expect(city.engineers).toHaveLength(60);
    expect(city.orders).toHaveLength(400);
  });

  it('names the bad argument and exits non-zero', () => {
    const bad = run(['--seed', 'seven', '--engineers', '60', '--orders', '400']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--seed must be a whole number, got "seven"');
    const missing = run(['--seed', '1', '--orders', '400']);
    expect(missing.stderr).toContain('--engineers is required');
    const unknown = run(['--seed', '1', '--engineers', '5', '--orders', '5', '--colour', 'red']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/);
  });
});

// What the renderer's benchmark pages share: the build they run from and how their samples are summarised.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** p50, p95 and max of some samples (milliseconds), two decimals. */
export function percentiles(samples: number[]): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 100) / 100;
  return { p50: at(50), p95: at(95), max: at(100) };
}

/** Builds the renderer with its benchmark pages (unless SKIP_BUILD is set) and returns where it is. */
export function buildBenchPages(root: string): string {
  if (!process.env.SKIP_BUILD)
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
      {
        stdio: 'inherit',
      },
    );
  return join(root, 'dist', 'renderer');
}

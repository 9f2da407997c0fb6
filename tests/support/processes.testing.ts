import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';

/** A child process whose stdout is read line by line. */
export class Proc {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  private waiters: Array<{ re: RegExp; resolve: (line: string) => void }> = [];
  stderr = '';
  exited = false;

  constructor(file: string, args: string[], env: NodeJS.ProcessEnv = {}, onLine?: (line: string) => void) {
    this.child = spawn(process.execPath, [file, ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let buffer = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        this.lines.push(line);
        onLine?.(line);
        this.waiters = this.waiters.filter((w) => (w.re.test(line) ? (w.resolve(line), false) : true));
      }
    });
    this.child.stderr!.on('data', (c: Buffer) => (this.stderr = (this.stderr + c.toString('utf8')).slice(-4000)));
    this.child.on('exit', () => (this.exited = true));
  }

  /** Resolves with the first line (already seen or coming) that matches. */
  waitFor(re: RegExp, timeoutMs: number): Promise<string> {
    const seen = this.lines.find((l) => re.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no line matching ${re} within ${timeoutMs} ms; stderr: ${this.stderr}`)),
        timeoutMs,
      );
      this.waiters.push({ re, resolve: (l) => (clearTimeout(timer), resolve(l)) });
    });
  }

  send(line: string): void {
    if (!this.exited) this.child.stdin!.write(`${line}\n`);
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill(signal);
    });
  }
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Bundles TypeScript entry points into plain ESM files (packages stay external), so children start in milliseconds. */
export async function bundle(entries: Record<string, string>, outDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(entries)) {
    const outfile = join(outDir, `${name}.mjs`);
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'error',
    });
    out[name] = outfile;
  }
  return out;
}

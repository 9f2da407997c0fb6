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
  /** Exited, and everything it printed has been read. */
  closed = false;

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
    this.child.on('close', () => (this.closed = true));
  }

  /**
   * Resolves with the first line (already seen or coming) that matches; fails at once if the process exits first.
   * `timeoutMs` only catches a hang: a busy machine makes a start many times slower than a quiet one.
   */
  waitFor(re: RegExp, timeoutMs: number): Promise<string> {
    const seen = this.lines.find((l) => re.test(l));
    if (seen) return Promise.resolve(seen);
    if (this.closed) return Promise.reject(new Error(`exited without a line matching ${re}; stderr: ${this.stderr}`));
    return new Promise((resolve, reject) => {
      // 'close' comes after the last of its output has been read, so no matching line can still be on its way.
      const onExit = () => {
        clearTimeout(timer);
        reject(new Error(`exited without a line matching ${re}; stderr: ${this.stderr}`));
      };
      const timer = setTimeout(() => {
        this.child.off('close', onExit);
        reject(new Error(`no line matching ${re} within ${timeoutMs} ms; stderr: ${this.stderr}`));
      }, timeoutMs);
      this.child.once('close', onExit);
      this.waiters.push({
        re,
        resolve: (l) => {
          clearTimeout(timer);
          this.child.off('close', onExit);
          resolve(l);
        },
      });
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

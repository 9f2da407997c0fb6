import { PassThrough } from 'node:stream';
import { runSolveCommand } from './solve-command.js';

/** Runs dispatch-solve in this process on `stdin`, with what it wrote to stdout and stderr and its exit code. */
export async function runSolve(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const input = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  input.end(stdin);
  const code = await runSolveCommand(argv, { stdin: input, stdout, stderr });
  return { code, out, err };
}

// The dispatch-solve command: reads a VROOM problem (a file, or stdin), solves it, writes VROOM's solution JSON
// (a file, or stdout). Bad input exits with code 2 and a message naming the field on stderr; the solver stays pure,
// this file does the reading and writing.
import { closest, distance } from 'fastest-levenshtein';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ObjectiveMode } from '../../../shared/dispatch/solver/model.js';
import type { SolveOptions } from '../../../shared/dispatch/solver/solve.js';
import {
  solveVroomModel,
  VroomInputError,
  vroomToModel,
  type UnknownKey,
} from '../../../shared/dispatch/vroom/index.js';

/** Where the command reads and writes; tests pass their own. */
export interface CommandIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const USAGE = `usage: dispatch-solve [-i problem.json] [-o solution.json] [--seed N] [--time-limit S] [--iterations N]
                      [--objective weighted|priority-first | --priority-first]

Solves a vehicle routing problem in VROOM's JSON format and writes VROOM's solution format.
  -i, --input FILE      problem file (default: stdin)
  -o, --output FILE     solution file (default: stdout)
      --seed N          random seed (default 1); the same seed and --iterations give the same solution
      --time-limit S    stop after S seconds of wall-clock time
      --iterations N    stop after N search iterations (default 20000 when no time limit is given)
      --objective MODE  weighted (default, as VROOM): the summed priority of the jobs served counts, so two jobs
                        of priority 60 outweigh one of 100; priority-first: jobs of each priority value are served
                        before any of a lower one can be, whatever the travel, then the cost is minimised
      --priority-first  the same as --objective priority-first
  -h, --help            this text`;

const OBJECTIVES: readonly ObjectiveMode[] = ['weighted', 'priority-first'];

/** A problem with the command line or the input: shown to the user, exit code 2. */
class UsageError extends Error {}

function integerOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name}: expected a whole number, got "${value}"`);
  return Number(value);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** `jobs[3].time_window: unknown key, ignored — did you mean time_windows?` (when a known key is a typo away). */
function unknownKeyWarning({ path, key, known }: UnknownKey): string {
  const near = known.length > 0 ? closest(key, [...known]) : '';
  const typo = near !== '' && distance(key, near) <= Math.max(1, Math.floor(key.length / 4));
  return `${path}: unknown key, ignored${typo ? ` — did you mean ${near}?` : ''}`;
}

/** Runs the command; returns the exit code (0 solved, 2 bad input or usage, 1 internal error). */
export async function runSolveCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        options: {
          input: { type: 'string', short: 'i' },
          output: { type: 'string', short: 'o' },
          seed: { type: 'string' },
          'time-limit': { type: 'string' },
          iterations: { type: 'string' },
          objective: { type: 'string' },
          'priority-first': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const { values } = parsed;
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const options: { -readonly [K in keyof SolveOptions]: SolveOptions[K] } = {
      seed: integerOption(values.seed, 'seed') ?? 1,
    };
    const iterations = integerOption(values.iterations, 'iterations');
    if (iterations !== undefined) options.maxIterations = iterations;
    if (values['time-limit'] !== undefined) {
      const seconds = Number(values['time-limit']);
      if (!(seconds > 0) || !Number.isFinite(seconds)) {
        throw new UsageError(`--time-limit: expected a positive number of seconds, got "${values['time-limit']}"`);
      }
      options.timeLimitMs = seconds * 1000;
    }
    const objective = values.objective ?? (values['priority-first'] ? 'priority-first' : 'weighted');
    const mode = OBJECTIVES.find((o) => o === objective);
    if (mode === undefined) {
      throw new UsageError(`--objective: expected weighted or priority-first, got "${objective}"`);
    }
    if (values['priority-first'] && mode !== 'priority-first') {
      throw new UsageError(`--priority-first: contradicts --objective ${mode}`);
    }
    const source = values.input ?? 'stdin';
    let text: string;
    if (values.input !== undefined) {
      try {
        text = await readFile(values.input, 'utf8');
      } catch (e) {
        throw new UsageError(`${values.input}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
    } else {
      if (io.stdin.isTTY) throw new UsageError('no input: give -i problem.json or pipe the problem on stdin');
      text = await readAll(io.stdin);
    }
    let problem: unknown;
    try {
      problem = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`${source}: not valid JSON (${(e as Error).message})`);
    }
    const vm = vroomToModel(problem, mode);
    for (const unknown of vm.unknownKeys) io.stderr.write(`dispatch-solve: warning: ${unknownKeyWarning(unknown)}\n`);
    const solution = solveVroomModel(vm, options);
    const json = `${JSON.stringify(solution)}\n`;
    if (values.output !== undefined) await writeFile(values.output, json);
    else io.stdout.write(json);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof VroomInputError) {
      io.stderr.write(`dispatch-solve: ${e.message}\n`);
      if (e instanceof UsageError && !e.message.includes(':')) io.stderr.write(`${USAGE}\n`);
      return 2;
    }
    io.stderr.write(`dispatch-solve: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

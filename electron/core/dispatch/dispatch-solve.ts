// Entry point of the dispatch-solve bin (see dispatch-solve.mjs, which loads this file through tsx).
import { runSolveCommand } from './solve-command.js';

process.exitCode = await runSolveCommand(process.argv.slice(2), process);

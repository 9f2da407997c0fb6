// Entry point of the dispatch-solve bin (see dispatch-solve.mjs, which loads this file through tsx). While searches
// run in worker threads, the first interrupt (Ctrl-C) stops them and the best plan so far is written; a second one
// ends the process at once. A single-worker search runs in this thread, and an interrupt ends it at once as before.
import { runSolveCommand } from './solve-command.js';

process.exitCode = await runSolveCommand(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  watchInterrupt: () => {
    const interrupt = new AbortController();
    const onInterrupt = (): void => {
      process.stderr.write('dispatch-solve: interrupted: stopping the searches (again to quit at once)\n');
      interrupt.abort();
    };
    process.once('SIGINT', onInterrupt);
    return { signal: interrupt.signal, release: () => process.off('SIGINT', onInterrupt) };
  },
});

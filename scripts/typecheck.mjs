// Type-checks each runtime against its own tsconfig: Node code sees no DOM types, the renderer no Node types.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const projects = [
  'shared/tsconfig.json',
  'electron/tsconfig.json',
  'server/tsconfig.json',
  'renderer/tsconfig.json',
  'tsconfig.test.json',
];
const tsc = 'node_modules/typescript/bin/tsc';
let failed = 0;
for (const project of projects) {
  if (!existsSync(project)) continue;
  const started = Date.now();
  const run = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit', '--pretty'], { stdio: 'inherit' });
  const ok = run.status === 0;
  if (!ok) failed += 1;
  console.log(`typecheck ${project}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
process.exit(failed === 0 ? 0 : 1);

// Starts a dispatch-solve search worker from the TypeScript sources (the command runs through tsx).
import { register } from 'tsx/esm/api';

register();
await import('./island-worker.ts');

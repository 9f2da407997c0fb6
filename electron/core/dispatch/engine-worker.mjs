// Starts the engine worker from the TypeScript sources (development, tests, the web host); a packaged build bundles
// engine-worker.ts into one file instead.
import { register } from 'tsx/esm/api';

register();
await import('./engine-worker.ts');

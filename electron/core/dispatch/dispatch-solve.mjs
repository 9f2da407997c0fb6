#!/usr/bin/env node
// Launcher of the dispatch-solve command: runs the TypeScript entry point through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./dispatch-solve.ts');

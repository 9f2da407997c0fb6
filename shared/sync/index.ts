/** Sync protocol v1 (DESIGN §4): wire messages, named mutations shared by server and desktop core, and how they run. */
export * from './protocol.js';
export * from './roles.js';
export * from './reads.js';
export * from './mutation.js';
export * from './tx.js';
export * from './run.js';
export * from './mutations/index.js';
export { describeIssues } from '../validation/issues.js';
export * from './device-view.js';

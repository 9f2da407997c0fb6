// What auto-dispatch offers the rest of the console.
export { AutoDispatch } from './AutoDispatch.js';
export { CandidatesPanel } from './CandidatesPanel.js';

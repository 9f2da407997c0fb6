export { Replay } from './Replay.js';
export { attachReplay } from './replay-layer.js';

// What the queue offers the rest of the console.
export { Queue } from './Queue.js';

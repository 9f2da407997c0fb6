// What the slot finder offers the rest of the console.
export { SlotFinder } from './SlotFinder.js';

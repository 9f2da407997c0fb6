// What the capacity view offers the rest of the console.
export { CapacityView } from './CapacityView.js';

// What the live map offers the rest of the console.
export { LiveMap } from './LiveMap.js';
export { PickMap } from './PickMap.js';

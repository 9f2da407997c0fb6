// What the sync views offer the rest of the console.
export { StatusBar } from './StatusBar.js';

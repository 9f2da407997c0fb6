// What the engineer card offers the rest of the console.
export { EngineerCardPanel } from './EngineerCard.js';

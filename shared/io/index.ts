export * from './table.js';
export * from './csv.js';
export * from './xlsx.js';
export * from './ics.js';
export * from './fields.js';
export * from './import.js';
export * from './schedule.js';

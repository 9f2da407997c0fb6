/** The field-service domain model (DESIGN §3): zod schemas with their inferred types, and the rules that go with them. */
export * from './primitives.js';
export * from './engineer.js';
export * from './order.js';
export * from './sla.js';
export * from './status.js';
export * from './event.js';
export * from './report.js';
export * from './notify.js';

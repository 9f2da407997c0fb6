/** SLA clocks (DESIGN §3): respond and resolve clocks that pause on hold and may count business hours only. */
export * from './business-hours.js';
export * from './sla-timeline.js';
export * from './clock.js';
export * from './reading.js';
export * from './lateness.js';

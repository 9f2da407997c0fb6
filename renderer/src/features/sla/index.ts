// What the SLA views offer the rest of the console.
export { PolicyEditor } from './PolicyEditor.js';
export { SlaAlerts } from './SlaAlerts.js';

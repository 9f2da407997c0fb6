// What the KPI dashboard offers the rest of the console.
export { KpiDashboard } from './KpiDashboard.js';

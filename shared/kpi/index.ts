export { computeKpis, KpiDay, KpiReport, Mean, Ratio, type KpiInput } from './compute.js';

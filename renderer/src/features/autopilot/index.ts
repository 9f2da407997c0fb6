// What the autopilot's team switch offers the rest of the console.
export { AutopilotTeams } from './AutopilotTeams.js';

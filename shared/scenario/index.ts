/** The simulated city: a seeded, deterministic control-centre day in a real metro area. */
export { generateScenario, DEFAULT_SCENARIO_DATE, SCENARIO_LIMITS, type ScenarioOptions } from './generate.js';
export { Scenario, Team } from './schema.js';
export { CityArea, District } from './area.js';
export { AREAS, DEFAULT_AREA_ID, centreLanguage } from './areas.js';
export { TRADES, type Trade } from './catalogue.js';
export { Random } from '../random/index.js';
export { scenarioEvents } from './events.js';
export { daytimeCapacityMin, ordersForCapacity, TARGET_UTILISATION } from './demand.js';
export { ROTA_DAYS, isWeekend } from './rota.js';

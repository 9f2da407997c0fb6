// npm run bench:scenario — time to generate, validate and serialise a large control-centre day.
import { Scenario, generateScenario } from '../../shared/scenario/index.js';

const engineers = Number(process.env.ENGINEERS ?? 1000);
const orders = Number(process.env.ORDERS ?? 20000);

const t0 = performance.now();
const city = generateScenario({ seed: 7, engineers, orders });
const t1 = performance.now();
const valid = Scenario.safeParse(city).success;
const t2 = performance.now();
const bytes = Buffer.byteLength(JSON.stringify(city));
const t3 = performance.now();

const result = {
  bench: 'scenario',
  engineers,
  orders,
  generateMs: Math.round(t1 - t0),
  validateMs: Math.round(t2 - t1),
  serialiseMs: Math.round(t3 - t2),
  totalMs: Math.round(t3 - t0),
  bytes,
  valid,
  targetMs: 5000,
};
console.log(
  `generate ${result.generateMs} ms, validate ${result.validateMs} ms, serialise ${result.serialiseMs} ms (${(bytes / 1e6).toFixed(1)} MB)`,
);
console.log(JSON.stringify(result));
if (!valid) process.exit(1);

// npm run scenario -- --seed 7 --engineers 60 --orders 400 --out city.json [--area shanghai|beijing|london|area.json] [--date YYYY-MM-DD] [--pretty]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AREAS, CityArea, DEFAULT_SCENARIO_DATE, Scenario, generateScenario } from '../../../shared/scenario/index.js';

const USAGE = `usage: npm run scenario -- --seed N --engineers N --orders N [--out FILE] [--area ID|FILE.json] [--date YYYY-MM-DD] [--pretty]
  --area   ${Object.keys(AREAS).join(', ')} (default shanghai), or a JSON file describing another metro area
  --date   the day to simulate in the area's time zone (default ${DEFAULT_SCENARIO_DATE}, so a seed always gives the same file)
  --out    write here instead of standard output`;

function fail(message: string): never {
  console.error(`scenario: ${message}\n${USAGE}`);
  process.exit(2);
}

function wholeNumber(name: string, value: string | undefined): number {
  if (value === undefined) fail(`--${name} is required`);
  if (!/^-?\d+$/.test(value)) fail(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

function loadArea(value: string | undefined): string | CityArea | undefined {
  if (value === undefined || value in AREAS) return value;
  if (!value.endsWith('.json'))
    fail(`unknown area "${value}"; known areas: ${Object.keys(AREAS).join(', ')}, or a .json file`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(value, 'utf8'));
  } catch (err) {
    fail(`cannot read area file ${value}: ${(err as Error).message}`);
  }
  const parsed = CityArea.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`area file ${value}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

function main(): void {
  let args;
  try {
    args = parseArgs({
      options: {
        seed: { type: 'string' },
        engineers: { type: 'string' },
        orders: { type: 'string' },
        out: { type: 'string' },
        area: { type: 'string' },
        date: { type: 'string' },
        pretty: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail((err as Error).message);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  let scenario: Scenario;
  try {
    scenario = generateScenario({
      seed: wholeNumber('seed', args.seed),
      engineers: wholeNumber('engineers', args.engineers),
      orders: wholeNumber('orders', args.orders),
      area: loadArea(args.area),
      date: args.date,
    });
  } catch (err) {
    fail((err as Error).message);
  }
  // Every record must validate before anything is written.
  const checked = Scenario.safeParse(scenario);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    console.error(`scenario: generated data failed validation at ${issue?.path.join('.')}: ${issue?.message}`);
    process.exit(1);
  }
  const json = JSON.stringify(scenario, null, args.pretty ? 2 : undefined) + '\n';
  if (args.out) writeFileSync(args.out, json);
  else process.stdout.write(json);
  const booked = scenario.orders.filter((o) => o.booking).length;
  console.error(
    `scenario: ${scenario.meta.areaName} ${scenario.meta.date}, seed ${scenario.meta.seed}: ` +
      `${scenario.teams.length} teams, ${scenario.engineers.length} engineers, ${scenario.orders.length} orders ` +
      `(${booked} already booked) in ${Math.round(performance.now() - started)} ms` +
      (args.out ? ` → ${args.out}` : ''),
  );
}

main();

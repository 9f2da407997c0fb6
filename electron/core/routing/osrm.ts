// Road travel times from an OSRM server's table API (OSRM_URL), fetched ahead of an engine run: the pure engine then
// reads them from memory. A service that fails, times out or cannot route a leg leaves those legs to the
// straight-line estimate, and the travel figures' notes tell the dispatcher so.
import { z } from 'zod';
import { RoadMatrixTravel, StraightLineTravel, type RoadLeg } from '../../../shared/dispatch/travel.js';
import type { DispatchState } from '../../../shared/dispatch/state.js';
import { sayPlain, type SaidReason } from '../../../shared/dispatch/reasons.js';

/** How to reach the routing service. */
export interface OsrmOptions {
  /** Base URL, e.g. http://127.0.0.1:5000 (OSRM_URL). */
  url: string;
  /** OSRM profile in the path (default "driving"). */
  profile?: string;
  /** Per request (default 5,000 ms). */
  timeoutMs?: number;
  /** Most sources or destinations in one table request (the server's --max-table-size; OSRM's default is 100). */
  maxTableSize?: number;
  /** After a failure, how long to leave the service alone before asking again (default 60 s). */
  retryAfterMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

const TableResponse = z.object({
  code: z.literal('Ok'),
  durations: z.array(z.array(z.number().min(0).nullable())),
  distances: z.array(z.array(z.number().min(0).nullable())).optional(),
});

const ErrorResponse = z.object({ code: z.string(), message: z.string().optional() });

/** One table request: places, and which of them are sources and destinations. */
interface TableRequest {
  sources: number[];
  destinations: number[];
}

const key = (p: { lat: number; lon: number }) => `${p.lat.toFixed(6)},${p.lon.toFixed(6)}`;

/** Groups legs by source into requests of at most `max` sources and `max` destinations each. */
function planRequests(
  legs: Iterable<readonly [number, number]>,
  blocks: readonly number[][],
  max: number,
): TableRequest[] {
  const out: TableRequest[] = [];
  for (const block of blocks)
    for (let i = 0; i < block.length; i += max)
      for (let j = 0; j < block.length; j += max)
        out.push({ sources: block.slice(i, i + max), destinations: block.slice(j, j + max) });
  const bySource = new Map<number, Set<number>>();
  for (const [from, to] of legs) {
    const set = bySource.get(from);
    if (set) set.add(to);
    else bySource.set(from, new Set([to]));
  }
  let sources: number[] = [];
  let destinations = new Set<number>();
  for (const [from, tos] of [...bySource].sort((a, b) => a[0] - b[0])) {
    const merged = new Set([...destinations, ...tos]);
    if (sources.length > 0 && (sources.length >= max || merged.size > max)) {
      out.push({ sources, destinations: [...destinations] });
      sources = [];
      destinations = new Set();
    }
    sources.push(from);
    for (const t of tos) destinations.add(t);
    // A single source with more destinations than a request may carry is split across requests.
    while (destinations.size > max) {
      const all = [...destinations];
      out.push({ sources, destinations: all.slice(0, max) });
      destinations = new Set(all.slice(max));
    }
  }
  if (sources.length > 0) out.push({ sources, destinations: [...destinations] });
  return out;
}

/** Talks to one OSRM server and remembers every leg it answered, across engine runs. */
export class OsrmRouter {
  private readonly legs = new Map<string, { seconds: number; metres: number | null } | null>();
  private downUntil = 0;
  private lastProblem = '';
  private readonly base: string;

  constructor(private readonly options: OsrmOptions) {
    this.base = options.url.replace(/\/+$/, '');
  }

  /** Where the figures come from, for the dispatcher. */
  get source(): string {
    return this.sourceSaid.text;
  }

  /** The same as data, for the console to word in its language. */
  get sourceSaid(): SaidReason {
    return sayPlain('roadNetwork', { url: this.base });
  }

  /**
   * Road travel for a state: the given legs and matrices fetched where not known yet, everything else (and whatever
   * the service could not answer) estimated in a straight line, with notes saying how much.
   */
  async travelFor(
    state: DispatchState,
    legs: Iterable<readonly [number, number]>,
    blocks: readonly number[][] = [],
  ): Promise<RoadMatrixTravel> {
    const fallback = new StraightLineTravel(state.locations, state.policy.travel);
    const travel = new RoadMatrixTravel(this.sourceSaid, fallback, state.policy.travel.parkingMin);
    const point = (i: number) => state.locations.point(i);
    const pairKey = (a: number, b: number) => `${key(point(a))}|${key(point(b))}`;
    const wanted = [...legs].filter(([a, b]) => a !== b);
    const missing = wanted.filter(([a, b]) => !this.legs.has(pairKey(a, b)));
    const missingBlocks = blocks.filter((b) => b.some((i) => b.some((j) => i !== j && !this.legs.has(pairKey(i, j)))));
    const now = this.options.now ?? Date.now;
    if (missing.length + missingBlocks.length > 0) {
      if (now() < this.downUntil) travel.warn(this.lastProblem);
      else {
        const problem = await this.fetchAll(
          state,
          planRequests(missing, missingBlocks, this.options.maxTableSize ?? 100),
        );
        if (problem) {
          this.lastProblem = problem;
          this.downUntil = now() + (this.options.retryAfterMs ?? 60_000);
          travel.warn(this.lastProblem);
        }
      }
    }
    const found: RoadLeg[] = [];
    const add = (a: number, b: number) => {
      const leg = this.legs.get(pairKey(a, b));
      // A table without distances still gives road times; the distance is then estimated.
      if (leg) found.push({ from: a, to: b, seconds: leg.seconds, metres: leg.metres ?? fallback.km(a, b) * 1000 });
    };
    for (const [a, b] of wanted) add(a, b);
    for (const block of blocks) for (const a of block) for (const b of block) if (a !== b) add(a, b);
    travel.add(found);
    return travel;
  }

  /** Runs the requests (a few at a time); returns the first problem, after which nothing more is asked. */
  private async fetchAll(state: DispatchState, requests: TableRequest[]): Promise<string | null> {
    let problem: string | null = null;
    let next = 0;
    const worker = async () => {
      while (problem === null && next < requests.length) {
        const req = requests[next++] as TableRequest;
        problem = await this.fetchTable(state, req);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return problem;
  }

  private async fetchTable(state: DispatchState, req: TableRequest): Promise<string | null> {
    const places = [...new Set([...req.sources, ...req.destinations])];
    const at = new Map(places.map((p, i) => [p, i]));
    const coords = places.map((i) => {
      const p = state.locations.point(i);
      return `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`;
    });
    const url =
      `${this.base}/table/v1/${this.options.profile ?? 'driving'}/${coords.join(';')}` +
      `?sources=${req.sources.map((s) => at.get(s)).join(';')}` +
      `&destinations=${req.destinations.map((d) => at.get(d)).join(';')}&annotations=duration,distance`;
    const timeoutMs = this.options.timeoutMs ?? 5_000;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let body: unknown;
    let status: number;
    try {
      const res = await (this.options.fetch ?? fetch)(url, { signal: controller.signal });
      status = res.status;
      body = await res.json().catch(() => null);
    } catch (err) {
      if (controller.signal.aborted) return `OSRM at ${this.base} did not answer within ${timeoutMs} ms`;
      return `could not reach OSRM at ${this.base} (${(err as Error).message})`;
    } finally {
      clearTimeout(timer);
    }
    const ok = TableResponse.safeParse(body);
    if (status !== 200 || !ok.success) {
      const err = ErrorResponse.safeParse(body);
      if (err.success && err.data.code !== 'Ok')
        return `OSRM answered ${err.data.code}${err.data.message ? `: ${err.data.message}` : ''}`;
      return `OSRM answered HTTP ${status} with a response that is not a distance table`;
    }
    const { durations, distances } = ok.data;
    if (durations.length !== req.sources.length || durations.some((row) => row.length !== req.destinations.length))
      return `OSRM answered a ${durations.length}-row table for ${req.sources.length} sources`;
    const point = (i: number) => state.locations.point(i);
    req.sources.forEach((s, i) =>
      req.destinations.forEach((d, j) => {
        const seconds = durations[i]?.[j];
        const metres = distances?.[i]?.[j];
        const k = `${key(point(s))}|${key(point(d))}`;
        // An unroutable leg is remembered as such and left to the estimate.
        this.legs.set(k, seconds === null || seconds === undefined ? null : { seconds, metres: metres ?? null });
      }),
    );
    return null;
  }
}

/** The routing service configured in OSRM_URL, or null when none is. */
export function osrmUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.OSRM_URL?.trim();
  if (!url) return null;
  if (!/^https?:\/\/[^\s/]+/.test(url))
    throw new Error(`OSRM_URL must be an http(s) URL such as http://127.0.0.1:5000, got "${url}"`);
  return url;
}

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rankCandidates } from '../../../shared/dispatch/candidates.js';
import { CENTRE, dayAt, engineer, order, place } from '../../../shared/dispatch/fixtures.testing.js';
import type { DispatchState } from '../../../shared/dispatch/state.js';
import { RecordingTravel } from '../../../shared/dispatch/travel.js';
import { prepareTravel, runOperation } from '../dispatch/operations.js';
import { OsrmRouter, osrmUrlFromEnv } from './osrm.js';

/** A recorded OSRM answer: the request it answers ("*" for any) and what the server sent. */
interface Recording {
  request: string;
  status: number;
  response: unknown;
}

const recording = (name: string): Recording =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Recording;

// A local stand-in for the OSRM server that replays recordings, counts requests and can hang (timeouts).
let server: Server;
let base = '';
let replay: Recording | 'hang' | 'fake' = 'hang';
let requests: string[] = [];
const hanging: ServerResponse[] = [];

function fakeTable(url: URL): unknown {
  // Answers any table with 100 s per coordinate-index step: enough to check splitting and reassembly.
  const n = (url.pathname.split('/').pop() ?? '').split(';').length;
  const pick = (p: string | null) => (p ? p.split(';').map(Number) : Array.from({ length: n }, (_, i) => i));
  const sources = pick(url.searchParams.get('sources'));
  const destinations = pick(url.searchParams.get('destinations'));
  return {
    code: 'Ok',
    durations: sources.map((s) => destinations.map((d) => Math.abs(s - d) * 100)),
    distances: sources.map((s) => destinations.map((d) => Math.abs(s - d) * 1000)),
  };
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '';
    requests.push(path);
    if (replay === 'hang') {
      hanging.push(res);
      return;
    }
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (replay === 'fake') return send(200, fakeTable(new URL(path, 'http://x')));
    if (replay.request !== '*' && replay.request !== path)
      return send(400, { code: 'InvalidUrl', message: `no recording for ${path}` });
    send(replay.status, replay.response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
});

/** One engineer at People's Square, one order in Xujiahui: the state the recordings were made for. */
function smallDay(): DispatchState {
  return dayAt(
    '07:00',
    [engineer('a', { homeBase: CENTRE })],
    [order('t', { site: { ...place(6, 2), address: 'Xujiahui' } })],
  );
}

/** What the engine does in core: a dry run to learn the legs, the service asked, then the real run. */
async function rankWithRoads(state: DispatchState, router: OsrmRouter) {
  const t = state.orders.get('t') as never;
  const recorder = new RecordingTravel(state.travel);
  state.travel = recorder;
  rankCandidates(t, state);
  state.travel = await router.travelFor(state, recorder.legs(), recorder.blocks());
  return rankCandidates(t, state);
}

describe('OSRM table adapter', () => {
  it('plans with road times from the recorded answer, and asks only once', async () => {
    replay = recording('table-ok');
    const router = new OsrmRouter({ url: base });
    const list = await rankWithRoads(smallDay(), router);
    expect(requests).toHaveLength(1);
    expect(list.travelSource).toBe(`road network (OSRM at ${base})`);
    expect(list.notes).toEqual([]);
    // 1,187.3 s of driving is 20 whole minutes, plus 5 minutes to park.
    expect(list.candidates[0]?.slot?.travelBeforeMin).toBe(25);
    await rankWithRoads(smallDay(), router);
    expect(requests).toHaveLength(1);
  });

  it('falls back to straight lines when OSRM answers an error, and says so', async () => {
    replay = recording('table-error');
    const router = new OsrmRouter({ url: base });
    const straight = rankCandidates(smallDay().orders.get('t') as never, smallDay());
    const list = await rankWithRoads(smallDay(), router);
    expect(list.notes[0]).toBe(
      'OSRM answered TooBig: Too many table coordinates; travel times are straight-line estimates',
    );
    expect(list.candidates[0]?.slot?.travelBeforeMin).toBe(straight.candidates[0]?.slot?.travelBeforeMin);
    // A service that just failed is left alone for a while: the next run does not wait on it again.
    const again = await rankWithRoads(smallDay(), router);
    expect(requests).toHaveLength(1);
    expect(again.notes[0]).toContain('OSRM answered TooBig');
  });

  it('falls back when OSRM does not answer in time', async () => {
    replay = 'hang';
    const router = new OsrmRouter({ url: base, timeoutMs: 150 });
    // The service never answers: the ranking comes back anyway (a hang would meet the test's timeout), saying why.
    const list = await rankWithRoads(smallDay(), router);
    expect(list.notes[0]).toBe(
      `OSRM at ${base} did not answer within 150 ms; travel times are straight-line estimates`,
    );
    expect(list.candidates[0]?.feasible).toBe(true);
  });

  it('estimates a leg the road network cannot route, and counts it', async () => {
    replay = recording('table-unroutable');
    const list = await rankWithRoads(smallDay(), new OsrmRouter({ url: base }));
    expect(list.notes).toEqual(['1 drive had no road figure and was estimated: straight line × 1.35 at 24 km/h']);
    expect(list.candidates[0]?.slot?.travelBeforeMin).toBe(25);
  });

  it('splits a large matrix into tables the server accepts and puts it back together', async () => {
    replay = 'fake';
    const state = dayAt(
      '07:00',
      [engineer('a')],
      Array.from({ length: 6 }, (_, i) => order(`o${i}`, { site: { ...place(i, i), address: `${i} Road` } })),
    );
    const router = new OsrmRouter({ url: base, maxTableSize: 4 });
    const locs = Array.from({ length: state.locations.size }, (_, i) => i);
    const travel = await router.travelFor(state, [], [locs]);
    expect(requests.length).toBe(4);
    for (const r of requests) {
      const q = new URL(r, 'http://x').searchParams;
      expect(q.get('sources')?.split(';').length).toBeLessThanOrEqual(4);
      expect(q.get('destinations')?.split(';').length).toBeLessThanOrEqual(4);
    }
    const m = travel.matrix(locs);
    expect(travel.notes()).toEqual([]);
    // Every cell came from the server (the stand-in answers 100 s and 1 km per step): whole minutes plus parking.
    for (let i = 0; i < m.size; i++)
      for (let j = 0; j < m.size; j++) {
        const km = m.distances[i * m.size + j] ?? NaN;
        expect(m.durations[i * m.size + j]).toBe(i === j ? 0 : 5 + Math.ceil((km * 100) / 60));
      }
  });

  it('gives auto-dispatch road times for its whole model before the search starts', async () => {
    replay = 'fake';
    const state = dayAt(
      '07:00',
      [engineer('a'), engineer('b', { homeBase: place(4, 4) })],
      Array.from({ length: 5 }, (_, i) => order(`o${i}`, { site: { ...place(i - 2, 1), address: `${i} Road` } })),
    );
    const request = { op: 'autoDispatch' as const, scope: {}, budgetMs: 50, seed: 1 };
    await prepareTravel(state, request, new OsrmRouter({ url: base }));
    expect(requests.length).toBeGreaterThan(0);
    const result = runOperation(state, request);
    if (result.op !== 'autoDispatch') throw new Error('wrong answer');
    expect(result.value.notes[0]?.text).toBe(`travel times: road network (OSRM at ${base})`);
    expect(result.value.notes.some((n) => n.text.includes('estimated'))).toBe(false);
    expect(result.value.moves.length).toBe(5);
  });

  it('reads OSRM_URL, and refuses one that is not a web address', () => {
    expect(osrmUrlFromEnv({})).toBeNull();
    expect(osrmUrlFromEnv({ OSRM_URL: ' http://127.0.0.1:5000 ' })).toBe('http://127.0.0.1:5000');
    expect(() => osrmUrlFromEnv({ OSRM_URL: 'localhost:5000' })).toThrow('OSRM_URL must be an http(s) URL');
  });
});

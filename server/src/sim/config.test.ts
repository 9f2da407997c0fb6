import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyToken } from '../auth/tokens.js';
import { readSimConfig } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'sim-config-'));
const secret = 'a-server-secret-that-is-long-enough-0123456789';
writeFileSync(join(dir, 'token-secret'), `${secret}\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const device = { id: 'dev-eng-0001', name: 'Wu Lei', role: 'device' as const, engineerId: 'eng-0001' };

describe('readSimConfig', () => {
  it('defaults to the local server in real time, signing in with the server’s secret', () => {
    const c = readSimConfig(['--data-dir', dir], {});
    expect(c.seconds).toBeNull();
    expect(c.options).toMatchObject({
      url: 'http://127.0.0.1:4300',
      speed: 1,
      start: null,
      engineers: null,
      ordersPerHour: 0,
      p1Share: 0.1,
      replayCity: { seed: 7, orders: null },
      positionEverySec: 5,
      idlePositionEverySec: 30,
    });
    const check = verifyToken(secret, c.options.credentials.tokenFor(device));
    expect(check.ok && check.claims).toMatchObject({ sub: 'dev-eng-0001', role: 'device', eng: 'eng-0001' });
    expect(c.options.credentials.renewable).toBe(true);
  });

  it('reads every flag', () => {
    const c = readSimConfig(
      [
        ...['--url', 'http://10.0.0.5:4300', '--data-dir', dir, '--speed', '30', '--start', '07:30'],
        ...['--engineers', '1000', '--orders-per-hour', '40', '--p1-share', '0.25', '--revisit-share', '0.1'],
        ...['--hold-share', '0', '--no-replay', '--area', 'london', '--seed', '9', '--position-every', '3'],
        ...['--seconds', '120', '--report-every', '0'],
      ],
      {},
    );
    expect(c.seconds).toBe(120);
    expect(c.options).toMatchObject({
      url: 'http://10.0.0.5:4300',
      speed: 30,
      start: { localMinute: 450 },
      engineers: 1000,
      ordersPerHour: 40,
      p1Share: 0.25,
      behaviour: { revisitShare: 0.1, holdShare: 0 },
      replayCity: null,
      area: 'london',
      seed: 9,
      positionEverySec: 3,
      idlePositionEverySec: 30,
      reportEverySec: 0,
    });
  });

  it('prefers DISPATCH_TOKEN_SECRET, and reads a tokens file written by the server', () => {
    const env = { DISPATCH_TOKEN_SECRET: 'x'.repeat(40), DISPATCH_SERVER_URL: 'http://127.0.0.1:5000' };
    const c = readSimConfig([], env);
    expect(c.options.url).toBe('http://127.0.0.1:5000');
    expect(verifyToken('x'.repeat(40), c.options.credentials.tokenFor(device)).ok).toBe(true);

    const file = join(dir, 'tokens.json');
    writeFileSync(
      file,
      JSON.stringify({ 'dev-eng-0001': { role: 'device', engineerId: 'eng-0001', token: 'abc.def.ghi' } }),
    );
    const fromFile = readSimConfig(['--tokens', file], {}).options.credentials;
    expect(fromFile.tokenFor(device)).toBe('abc.def.ghi');
    expect(fromFile.renewable).toBe(false);
    expect(() => fromFile.tokenFor({ ...device, id: 'dev-eng-0002' })).toThrow(/no token for dev-eng-0002/);
  });

  it('says what is wrong with bad input', () => {
    const bad = (args: string[], message: RegExp) => expect(() => readSimConfig(args, {})).toThrow(message);
    bad(['--data-dir', dir, '--speed', '0'], /--speed must be a number from 0.1/);
    bad(['--data-dir', dir, '--speed', 'fast'], /--speed must be a number/);
    bad(['--data-dir', dir, '--start', '25:00'], /--start must be a time HH:MM/);
    bad(['--data-dir', dir, '--engineers', '2.5'], /--engineers must be a whole number/);
    bad(['--data-dir', dir, '--p1-share', '2'], /--p1-share must be a number from 0 to 1/);
    bad(['--data-dir', dir, '--area', 'paris'], /--area must be one of/);
    bad(['--data-dir', dir, '--url', 'ftp://x'], /--url must be an http/);
    bad(['--data-dir', join(dir, 'nowhere')], /no token secret at .*start the server first/);
    bad(['--tokens', join(dir, 'missing.json')], /cannot read the tokens file/);
    writeFileSync(join(dir, 'junk.json'), '{"x": 1}');
    bad(['--tokens', join(dir, 'junk.json')], /is not a tokens file/);
    bad(['--wat'], /Unknown option/);
    expect(readSimConfig(['--help'], {}).help).toBe(true); // no secret needed just to read the usage
  });
});

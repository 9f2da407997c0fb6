import { describe, expect, it } from 'vitest';
import { runChaos } from './chaos-run.testing.js';

describe('chaos: consoles, a cutting proxy, server and console SIGKILLs, a flooding client', () => {
  it('loses nothing, applies nothing twice, leaves every console equal to the server and every device with its own', async () => {
    const report = await runChaos({
      consoles: 5,
      mutationsPerConsole: 300,
      serverKills: 2,
      consoleKills: 1,
      unsafeNoDedupe: false,
      settleTimeoutMs: 60_000,
      seed: 1,
      // Four sockets of another dispatcher send invalid pushes beside the honest consoles the whole run.
      floodSockets: 4,
      // Console 0 comes online with about 1.5 MB waiting: accepted plans and long notes, drained through the cuts.
      offlineOutbox: 260,
    });
    console.log(`chaos: ${JSON.stringify(report)}`);
    expect(report.violations).toEqual([]);
    expect(report.applied + report.rejected).toBe(5 * 300);
    // A console SIGKILLed mid-write may have stored a mutation it never got to report; the checker counts those too.
    expect(report.acknowledged).toBeGreaterThanOrEqual(5 * 300 - 1);
    expect(report.serverKills).toBe(2);
    expect(report.consoleKills).toBe(1);
    expect(report.connectionCuts).toBeGreaterThan(3);
    // Engineers' devices pulled all along, and each saw only its own (their checks are among the violations).
    expect(report.devicePulls).toBeGreaterThan(3);
    // The flood was real: hundreds of pushes refused as malformed (and, as fast as it comes, slowed to its rate).
    expect(report.flooderAnswers.bad_request).toBeGreaterThan(100);
  }, 300_000);

  it('catches a server with its de-duplication switched off (control run)', async () => {
    const report = await runChaos({
      consoles: 3,
      mutationsPerConsole: 120,
      serverKills: 1,
      consoleKills: 0,
      unsafeNoDedupe: true,
      settleTimeoutMs: 15_000,
      seed: 2,
    });
    console.log(`chaos control: ${JSON.stringify(report)}`);
    expect(report.violations.length).toBeGreaterThan(0);
  }, 300_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSlaPolicy } from '../../shared/domain/index.js';
import { generateScenario } from '../../shared/scenario/index.js';
import type { Principal } from '../../shared/sync/index.js';
import { ConsoleCore } from './console-core.js';
import { MemoryTransport, ModelServer } from './model-server.testing.js';

/** An unsigned token carrying a principal's claims; the model server does not verify signatures. */
export function claimsToken(p: Principal): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: p.id, name: p.name, role: p.role, ...(p.engineerId ? { eng: p.engineerId } : {}) })}.x`;
}

/** A model server with a small simulated city, and consoles on temporary caches connected to it. */
export class Harness {
  readonly server: ModelServer;
  readonly city;
  private readonly dirs: string[] = [];
  readonly cores: ConsoleCore[] = [];
  private clock: number;

  constructor(seed = 5) {
    this.city = generateScenario({ seed, engineers: 8, orders: 40 });
    this.server = new ModelServer(this.city.orders, this.city.engineers, defaultSlaPolicy());
    this.clock = this.city.meta.dayStart + 8 * 3_600_000;
    this.server.now = this.clock;
  }

  /** The time on every console of the harness and on the server: one clock, moved by the test. */
  get now(): number {
    return this.clock;
  }

  set now(t: number) {
    this.clock = t;
    this.server.now = t;
  }

  /** A console on a cache; its SLA watcher runs on its own only when asked (sync tests count every mutation). */
  console(
    actor: Principal,
    dataDir?: string,
    options: { slaWatch?: boolean; serverUrl?: string } = {},
  ): { core: ConsoleCore; link: MemoryTransport; dir: string } {
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'core-'));
    if (!dataDir) this.dirs.push(dir);
    const link = new MemoryTransport(this.server, actor);
    const core = new ConsoleCore({
      dataDir: dir,
      token: claimsToken(actor),
      transport: link,
      clock: () => this.now,
      sync: { requestTimeoutMs: 1_000, retryBaseMs: 5, retryMaxMs: 20 },
      slaWatch: options.slaWatch ?? false,
      ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
    });
    this.cores.push(core);
    return { core, link, dir };
  }

  close(): void {
    for (const c of this.cores.splice(0)) c.close();
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}

/**
 * How long a wait may last before it counts as a hang. Not a speed expectation: what tests wait for takes
 * milliseconds on a quiet machine, and many times that on a busy one (`npm run test:stress`).
 */
export const HANG_MS = 20_000;

/** Waits until `check` holds, polling the event loop; fails after `ms` as a hang. */
export async function until(check: () => boolean, ms = HANG_MS, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Resolves once the core has finished a sync round with nothing pending and an online link. */
export function settled(core: ConsoleCore): () => boolean {
  return () => {
    const s = core.status();
    return s.state === 'online' && s.pending === 0 && core.cache.outboxCounts().acked === 0;
  };
}

import type { Scenario } from '../../shared/scenario/index.js';
import type { PullResult } from '../../shared/sync/index.js';
import type { ConsoleCore } from './console-core.js';

/**
 * Fills a console's cache with a simulated city through the same path a first pull takes (a reset page), for tests
 * and benchmarks that run without a server.
 */
export function seedFromScenario(core: ConsoleCore, city: Scenario): void {
  const page: PullResult = {
    kind: 'reset',
    changes: [
      ...city.engineers.map((value) => ({ entity: 'engineer' as const, value })),
      ...city.orders.map((value) => ({ entity: 'order' as const, value })),
      { entity: 'policy' as const, value: city.slaPolicy },
    ],
    cursor: 'seed:0',
    more: false,
    lastMutationId: 0,
    rejections: [],
    serverTime: city.meta.dayStart,
  };
  core.state.applyPull(page, () => core.principal, core.clientId);
}

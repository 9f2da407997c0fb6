import type { Principal } from '../../../shared/sync/index.js';

/** The dispatcher the store and notifier tests act as (one of the demo users). */
export const testDispatcher: Principal = {
  kind: 'user',
  id: 'dispatcher-1',
  name: 'Zhou Min',
  role: 'dispatcher',
  engineerId: null,
};

/** An engineer's device as the server knows it after sign-in. */
export const testDevice = (engineerId: string): Principal => ({
  kind: 'device',
  id: `dev-${engineerId}`,
  name: engineerId,
  role: 'device',
  engineerId,
});

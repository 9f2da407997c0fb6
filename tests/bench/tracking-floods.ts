/**
 * The floods of wrong tracking links bench:tracking sends (tests/bench/tracking-flooder.ts): random well-formed tokens
 * from one address, the same from many addresses (a random client in X-Forwarded-For, the server trusting the local
 * proxy), tokens of the wrong length from many addresses, and (for reference) a path the server does not serve at all,
 * answered by its bare 404: what any HTTP request costs it, the floor under a wrong link's cost.
 */
export const TRACKING_FLOODS = ['one-address', 'many-addresses', 'malformed', 'other-path'] as const;
export type TrackingFlood = (typeof TRACKING_FLOODS)[number];

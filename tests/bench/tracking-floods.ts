/**
 * The floods of wrong tracking links bench:tracking sends (tests/bench/tracking-flooder.ts): random well-formed tokens
 * from one address, the same from many addresses (a random client in X-Forwarded-For, the server trusting the local
 * proxy), and tokens of the wrong length from many addresses.
 */
export const TRACKING_FLOODS = ['one-address', 'many-addresses', 'malformed'] as const;
export type TrackingFlood = (typeof TRACKING_FLOODS)[number];

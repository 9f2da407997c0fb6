/**
 * What a flooding client sends: malformed pushes; pushes over the size limit; mutations refused for a reason the
 * sender could know (no order given, 1,900-character notes); valid notes, 500 a push.
 */
export const FLOOD_VARIANTS = ['invalid', 'oversize', 'refused', 'valid'] as const;
export type FloodVariant = (typeof FLOOD_VARIANTS)[number];

/**
 * How long to wait before retry `retry` (0 for the first): a random time between half and all of
 * min(maxMs, baseMs·2^retry), so many clients that lost the same link do not come back at the same instant.
 */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(retry, 30)));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/** Delay before reconnect attempt `attempt` (1, 2, …): doubling from `baseMs` up to `maxMs`, with half of it jittered. */
export function reconnectDelay(
  attempt: number,
  baseMs = 250,
  maxMs = 10_000,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 16)));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

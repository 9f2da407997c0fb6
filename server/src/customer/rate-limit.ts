export interface BucketLimits {
  burst: number;
  perSecond: number;
  /** The most keys kept at once (50,000 unless told): a flood of new keys drops old ones rather than grow the map. */
  maxKeys?: number;
}

/** Token buckets by key (an IP address, a token's hash), on an injected clock; the map is bounded. */
export class Buckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly o: BucketLimits,
    private readonly now: () => number,
  ) {}

  /** How many keys have a bucket now: at most `maxKeys`. */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes one request's worth from the key's bucket; false when it is empty. */
  take(key: string): boolean {
    const now = this.now();
    let b = this.buckets.get(key);
    if (b) {
      // Kept in order of last use, so a key that keeps asking (a limited address) is the last one a sweep drops.
      this.buckets.delete(key);
    } else {
      if (this.buckets.size >= (this.o.maxKeys ?? 50_000)) this.sweep(now);
      b = { tokens: this.o.burst, at: now };
    }
    this.buckets.set(key, b);
    b.tokens = Math.min(this.o.burst, b.tokens + ((now - b.at) / 1000) * this.o.perSecond);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Drops full buckets (keys quiet long enough to have refilled); if that is not enough, the least recently used half. */
  private sweep(now: number): void {
    const full = (this.o.burst / this.o.perSecond) * 1000;
    for (const [k, b] of this.buckets) if (now - b.at >= full) this.buckets.delete(k);
    if (this.buckets.size < (this.o.maxKeys ?? 50_000)) return;
    let n = Math.floor(this.buckets.size / 2);
    for (const k of this.buckets.keys()) {
      if (n-- <= 0) break;
      this.buckets.delete(k);
    }
  }
}

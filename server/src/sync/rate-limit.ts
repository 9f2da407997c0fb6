/** How much a sender may ask for: a steady rate of cost units a second and a burst it may spend at once. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface RateLimits {
  /** One connection (one console tab, one device). */
  connection: RateLimit;
  /** Every connection of one user together, on this node. */
  user: RateLimit;
}

/**
 * The limits of a node. An honest console spends a unit or two a request; what costs is refused work — each refused
 * mutation a unit, a malformed message five — so a console draining a large offline outbox never meets them, and a
 * client sending what the server keeps refusing is slowed to a trickle.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  connection: { perSecond: 50, burst: 500 },
  user: { perSecond: 150, burst: 1_500 },
};

/**
 * A token bucket that may go into debt: a request is let through while the bucket holds a whole token, and its cost,
 * known only once the work is done (how many mutations were refused), is charged afterwards.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.at = now;
  }

  private refill(now: number): void {
    if (now > this.at)
      this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.at) * this.limit.perSecond) / 1000);
    this.at = Math.max(this.at, now);
  }

  /** Milliseconds until a request may go: 0 now. */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.limit.perSecond);
  }

  /** Takes `cost` tokens; a negative cost gives back what was held beyond the real cost, never above the burst. */
  charge(cost: number, now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.limit.burst, this.tokens - cost);
  }

  /** Whether the bucket is full again, so forgetting it changes nothing. */
  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.limit.burst;
  }
}

/** The buckets of every user on this node; a full one is forgotten, so the map holds only who spent recently. */
export class UserBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly limit: RateLimit) {}

  of(userId: string, now: number): TokenBucket {
    let b = this.buckets.get(userId);
    if (!b) {
      if (this.buckets.size >= 10_000) for (const [id, old] of this.buckets) if (old.full(now)) this.buckets.delete(id);
      b = new TokenBucket(this.limit, now);
      this.buckets.set(userId, b);
    }
    return b;
  }
}

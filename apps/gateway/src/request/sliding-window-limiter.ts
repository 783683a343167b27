/** The answer to one request for a slot. */
export type SlotDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface SlidingWindowLimiterOptions {
  /** Operations allowed in any window of `windowMs`. */
  limit: number;
  windowMs: number;
  /** Keys kept at most; past it the idlest keys are forgotten (default 100,000). */
  maxKeys?: number;
  now?: () => number;
}

/**
 * At most `limit` operations per key in ANY window of `windowMs` (a sliding
 * log of the allowed operations' times). A fixed window — what
 * rate-limiter-flexible's memory limiter does — lets through twice the limit
 * across a window boundary: 300 in the last second of one minute and 300 in
 * the first of the next (ADR 0012 says why this is not a library).
 */
export class SlidingWindowLimiter {
  private readonly logs = new Map<string, number[]>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly options: SlidingWindowLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new Error('SlidingWindowLimiter: limit must be a positive integer');
    }
    this.maxKeys = options.maxKeys ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Takes a slot for `key` if one is free in the window ending now. */
  take(key: string): SlotDecision {
    const now = this.now();
    const since = now - this.options.windowMs;
    let log = this.logs.get(key);
    if (log) {
      let expired = 0;
      while (expired < log.length && (log[expired] as number) <= since) expired += 1;
      if (expired > 0) log.splice(0, expired);
      // Re-inserted so the map's order runs from the idlest key to the busiest.
      this.logs.delete(key);
    } else {
      log = [];
    }
    this.logs.set(key, log);
    if (log.length >= this.options.limit) {
      return { allowed: false, retryAfterMs: Math.max(1, (log[0] as number) - since) };
    }
    log.push(now);
    this.forgetIdlest();
    return { allowed: true };
  }

  private forgetIdlest(): void {
    for (const key of this.logs.keys()) {
      if (this.logs.size <= this.maxKeys) return;
      this.logs.delete(key);
    }
  }
}

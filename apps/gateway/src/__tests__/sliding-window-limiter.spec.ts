import { SlidingWindowLimiter } from '../request/sliding-window-limiter';

describe('a sliding-window rate limit', () => {
  it('allows `limit` in any window and says when the next slot frees', () => {
    let now = 1_000;
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    const taken = [];
    for (now = 1_000; now <= 3_000; now += 1_000) taken.push(limiter.take('u'));
    expect(taken).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    now = 30_000;
    // The first slot was taken at 1,000 and frees once it leaves the window: at 61,000.
    expect(limiter.take('u')).toEqual({ allowed: false, retryAfterMs: 31_000 });
    now = 61_001;
    expect(limiter.take('u')).toEqual({ allowed: true });
    expect(limiter.take('u')).toEqual({ allowed: false, retryAfterMs: 1_000 - 1 });
  });

  it('does not count refused requests: a caller who keeps knocking is not locked out for longer', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1_000, now: () => now });
    limiter.take('u');
    for (now = 1; now < 1_000; now += 100) expect(limiter.take('u').allowed).toBe(false);
    now = 1_001;
    expect(limiter.take('u').allowed).toBe(true);
  });

  it('forgets the idlest callers past maxKeys, keeping memory bounded', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter({
      limit: 1,
      windowMs: 60_000,
      maxKeys: 2,
      now: () => now,
    });
    limiter.take('a');
    now = 1;
    limiter.take('b');
    now = 2;
    limiter.take('c');
    // 'a' was forgotten (a fresh slot); 'c' is still held.
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });
});

// The push pacing: evenly spaced at the configured rate, a short burst allowed, and a pause for
// everyone when LINE says Retry-After. A fake clock and a sleep that only advances it: no timings.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/notify/rate-limit';

function limiter(perSecond: number, burstMs = 0) {
  let now = 1_000;
  const waits: number[] = [];
  const rate = new RateLimiter({
    perSecond,
    burstMs,
    clock: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  });
  return { rate, waits, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('spaces calls evenly at the configured rate', async () => {
    const { rate, waits } = limiter(10);
    for (let i = 0; i < 4; i++) await rate.acquire();
    expect(waits).toEqual([100, 100, 100]);
  });

  it('lets unused time go as a short burst, never more', async () => {
    const { rate, waits, advance } = limiter(100, 50); // 10 ms apart, 50 ms of burst = 5 calls
    await rate.acquire();
    advance(1_000); // idle for a second: only the burst is saved up
    for (let i = 0; i < 8; i++) await rate.acquire();
    expect(waits.filter((w) => w > 0)).toHaveLength(2);
  });

  it('after pauseFor, no call starts before the pause ends', async () => {
    const { rate, waits } = limiter(1000);
    rate.pauseFor(5_000);
    expect(rate.pausedMs()).toBe(5_000);
    await rate.acquire();
    expect(waits).toEqual([5_000]);
    expect(rate.pausedMs()).toBe(0);
  });
});

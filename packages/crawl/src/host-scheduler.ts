/**
 * Politeness per host: at most `concurrency` requests in flight, and a
 * jittered pause between the end of one request and the start of the next.
 * A 429/503 pushes the host's next slot back by its Retry-After. The clock
 * and the random source are injected, so tests can use a fake clock.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

export interface HostPolicy {
  readonly minDelayMs: number;
  readonly jitter: number;
  readonly concurrency: number;
}

/** The pause before the next request: max(min delay, Crawl-delay), plus up to `jitter` of it at random. */
export function politeDelay(policy: Pick<HostPolicy, 'minDelayMs' | 'jitter'>, crawlDelayMs: number | null, random: number): number {
  const base = Math.max(policy.minDelayMs, crawlDelayMs ?? 0);
  return Math.round(base * (1 + policy.jitter * Math.min(Math.max(random, 0), 1)));
}

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Back-off without Retry-After: 1 s, 2 s, 4 s … scaled to the host's delay, capped. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, Math.max(baseMs, 1000) * 2 ** attempt);
}

interface HostState {
  inFlight: number;
  /** Earliest start of the next request from deferrals (Retry-After, back-off). */
  notBefore: number;
  /** When the last request to the host ended, and its jitter draw; null before the first. */
  lastEnd: number | null;
  lastRandom: number;
  readonly waiters: Array<() => void>;
}

export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();
  private readonly crawlDelays = new Map<string, number | null>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly random: () => number = Math.random,
  ) {}

  setCrawlDelay(host: string, ms: number | null): void {
    this.crawlDelays.set(host, ms);
  }

  /** Pushes the host's next slot to at least `ms` from now (Retry-After). */
  defer(host: string, ms: number): void {
    const s = this.state(host);
    s.notBefore = Math.max(s.notBefore, this.clock.now() + ms);
  }

  /** Waits for a slot on the host, runs `fn`, then spaces the next request by the polite delay. */
  async run<T>(host: string, policy: HostPolicy, fn: () => Promise<T>): Promise<T> {
    const s = this.state(host);
    while (s.inFlight >= policy.concurrency) await new Promise<void>((resolve) => s.waiters.push(resolve));
    s.inFlight++;
    try {
      // The polite delay is computed when the next request is about to start, not when the last
      // one ended: a Crawl-delay learnt from robots.txt (fetched through this slot) then spaces
      // the very next request too. Another request may move notBefore while this one sleeps,
      // so check again after each sleep.
      for (let wait = this.startAt(host, s, policy) - this.clock.now(); wait > 0; wait = this.startAt(host, s, policy) - this.clock.now()) await this.clock.sleep(wait);
      return await fn();
    } finally {
      s.lastEnd = this.clock.now();
      s.lastRandom = this.random();
      s.inFlight--;
      s.waiters.shift()?.();
    }
  }

  /** Earliest start of the next request: after deferrals, and max(min delay, Crawl-delay) after the last one ended. */
  private startAt(host: string, s: HostState, policy: HostPolicy): number {
    const polite = s.lastEnd === null ? 0 : s.lastEnd + politeDelay(policy, this.crawlDelays.get(host) ?? null, s.lastRandom);
    return Math.max(s.notBefore, polite);
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { inFlight: 0, notBefore: 0, lastEnd: null, lastRandom: 0, waiters: [] };
      this.hosts.set(host, s);
    }
    return s;
  }
}

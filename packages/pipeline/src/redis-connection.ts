import { Redis, type RedisOptions } from 'ioredis';
import { redact } from '@budget-ingest/db';

/**
 * ioredis settings per role.
 * - worker: what BullMQ requires for workers (no per-request retry limit, so
 *   blocking commands survive reconnects; workers wait for Redis for ever).
 * - producer: commands fail at once while Redis is away (no offline queue,
 *   one retry), so a command never hangs; its callers decide how long to
 *   ride out an outage (see retryWhileRedisDown).
 */
export function createRedis(url: string, role: 'worker' | 'producer', connectTimeoutMs = 10_000): Redis {
  const opts: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: false }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: connectTimeoutMs, retryStrategy: (times) => Math.min(times * 200, 2_000) };
  const redis = new Redis(url, opts);
  // Connection errors are also reported to the command that hit them; without a listener ioredis prints each one.
  redis.on('error', () => {});
  return redis;
}

/** Redis is unreachable, refuses our password, or stayed away longer than we wait: the message names REDIS_URL. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  readonly code = 'redis-unavailable';
}

/** Authentication failures do not heal by waiting: they end the wait at once. */
const AUTH_ERROR = /WRONGPASS|NOAUTH|invalid password|invalid username-password/i;

/**
 * A producer connection that is ready, or a RedisUnavailableError within
 * `timeoutMs` (wrong host or port, Redis down, wrong password), so `status`
 * and `ingest` never hang without a word.
 */
export async function connectProducer(url: string, timeoutMs: number): Promise<Redis> {
  const redis = createRedis(url, 'producer', timeoutMs);
  let lastError: Error | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(lastError ?? new Error('no answer')), timeoutMs);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
      redis.on('error', (err: Error) => {
        lastError = err;
        if (AUTH_ERROR.test(err.message)) {
          clearTimeout(timer);
          reject(err);
        }
      });
    });
    return redis;
  } catch (err) {
    redis.disconnect();
    const why = AUTH_ERROR.test((err as Error).message) ? 'Redis refused the password' : `Redis did not answer within ${seconds(timeoutMs)}`;
    throw new RedisUnavailableError(`cannot use REDIS_URL (${redact(url)}): ${why}: ${(err as Error).message}`, { cause: err });
  }
}

/** Errors of a connection that is down or coming back (and Redis still loading its append-only file), not of the command. */
export function isRedisConnectionError(err: unknown): boolean {
  const e = err as { name?: string; message?: string; code?: string } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  return /Stream isn't writeable|Connection is closed|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|^LOADING|^MASTERDOWN|^TRYAGAIN/.test(e.message ?? '') || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e.code ?? '');
}

export interface OutageOptions {
  /** The longest Redis may be away before the work fails with RedisUnavailableError. */
  readonly outageMs: number;
  /** For the message. */
  readonly url: string;
  readonly pauseMs?: number;
  /** Told once when Redis goes away, and once when it is back. */
  readonly onDown?: (err: unknown) => void;
  readonly onBack?: () => void;
}

/**
 * Runs `work`, again and again while it fails because Redis is away (a
 * restart), for at most `outageMs` from the first failure. Work is expected
 * to be idempotent (job ids are deterministic, reads are reads).
 */
export async function retryWhileRedisDown<T>(work: () => Promise<T>, opts: OutageOptions): Promise<T> {
  let downSince: number | null = null;
  for (;;) {
    try {
      const value = await work();
      if (downSince !== null) opts.onBack?.();
      return value;
    } catch (err) {
      if (!isRedisConnectionError(err)) throw err;
      if (downSince === null) {
        downSince = Date.now();
        opts.onDown?.(err);
      }
      if (Date.now() - downSince > opts.outageMs) {
        throw new RedisUnavailableError(`Redis at REDIS_URL (${redact(opts.url)}) has been unreachable for ${seconds(opts.outageMs)}: ${(err as Error).message}`, { cause: err });
      }
      await new Promise((r) => setTimeout(r, opts.pauseMs ?? 1_000));
    }
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

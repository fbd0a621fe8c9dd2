import robotsParser from 'robots-parser';
import type { ChallengeEvidence } from './challenge.ts';

/** What robots.txt says for our user agent on one host. */
export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay in ms, when the file sets one for us (or for `*`). */
  readonly crawlDelayMs: number | null;
  /** Why the rules are what they are, for logs: `file`, `missing (404)`, `unreachable (503)`, `challenge (521)`. */
  readonly origin: string;
  /** robots.txt itself was answered by a WAF/JS challenge: the host is blocking us, not telling us its rules. */
  readonly challenge?: { readonly evidence: ChallengeEvidence; readonly at: string; readonly status: number; readonly contentType: string | null };
  /** robots.txt was not asked for at all (its host resolves to a private address): every URL of the host is refused for that reason. */
  readonly refused?: { readonly reason: 'private-address'; readonly detail: string };
}

/** The rules of a robots.txt body. `userAgent` is matched on its product token (`budget-ingest-crawler`). */
export function parseRobots(robotsUrl: string, text: string, userAgent: string): RobotsRules {
  const robot = robotsParser(robotsUrl, text);
  const token = userAgent.split(/[\s/]/)[0] ?? userAgent;
  const delay = robot.getCrawlDelay(token);
  return {
    isAllowed: (url) => robot.isAllowed(url, token) !== false,
    crawlDelayMs: typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? Math.round(delay * 1000) : null,
    origin: 'file',
  };
}

/**
 * The rules when robots.txt could not be read: a 4xx means "no rules", a
 * 5xx or network error means "stay away for now" (as the major crawlers do).
 */
export function robotsForStatus(status: number | null): RobotsRules {
  const allow = status !== null && status >= 400 && status < 500;
  return {
    isAllowed: () => allow,
    crawlDelayMs: null,
    origin: allow ? `missing (${status})` : `unreachable (${status ?? 'network error'})`,
  };
}

/** robots.txt answered by a challenge page (a 521 加速乐 script, a 412 瑞数 page): nothing may be fetched, and the source is blocked. */
export function robotsBlocked(robotsUrl: string, status: number, contentType: string | null, evidence: ChallengeEvidence): RobotsRules {
  return { isAllowed: () => false, crawlDelayMs: null, origin: `challenge (${status})`, challenge: { evidence, at: robotsUrl, status, contentType } };
}

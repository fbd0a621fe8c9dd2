/**
 * WAF and JavaScript challenges: answers that look like pages but are a
 * gate. Parsing one as a list would record "no entries" and hide the block,
 * so the crawler stops the source and records the evidence instead.
 */
import { toText } from './charset.ts';

export interface ChallengeEvidence {
  readonly kind: 'challenge-text' | 'challenge-cookie' | 'challenge-script' | 'script-shell';
  /** What matched, short enough for a log line and a database column. */
  readonly evidence: string;
}

const CHALLENGE_TEXTS = ['安全验证', '人机验证', '滑动验证', '请开启JavaScript', '请启用JavaScript', '访问验证', 'Please enable JavaScript', 'Checking your browser', '您的访问请求可能对网站造成安全威胁'];

/** Cookie names set by the WAFs seen in front of Chinese government sites. */
const CHALLENGE_COOKIES = [
  /^__jsl_clearance/, // 知道创宇 加速乐
  /^__jsluid_/,
  /^acw_sc__v\d/, // Alibaba Cloud WAF
  /^FSSBBIl1UgzbN7N\d+[ST]$/, // 瑞数 (Rivers Security)
  /^yunsuo_session_verify$/, // 云锁
  /^safedog-flow-item$/, // 安全狗
  /^cf_chl_/, // Cloudflare
];

/**
 * Scripts that compute their way in: they set a cookie and load the page
 * again, or unpack a VM. What sets them apart from a page that only hands the
 * reader on to a file (see handoff.ts) is that they compute.
 */
const CHALLENGE_SCRIPTS: ReadonlyArray<{ readonly name: string; readonly test: (html: string) => boolean }> = [
  // 瑞数 (Rivers Security): a packed VM under $_ts, usually with a 412.
  { name: '瑞数 $_ts VM', test: (h) => /\$_ts\s*=\s*window\[\s*['"]\$_ts['"]\s*\]/.test(h) },
  // 加速乐 and its kind: a cookie computed in script, then the same page loaded again (521 on the first answer).
  { name: 'cookie set by script, then the page reloaded', test: (h) => /document\.cookie\s*=/.test(h) && /location(?:\.href)?\s*=\s*location\.(?:pathname|href)|location\.reload\s*\(|location\.replace\s*\(\s*location\./.test(h) },
];

export interface ResponseForChallenge {
  readonly status: number;
  readonly setCookies: readonly string[];
  readonly body: string;
}

export function detectChallenge(res: ResponseForChallenge): ChallengeEvidence | null {
  for (const c of res.setCookies) {
    const name = c.split('=')[0]?.trim() ?? '';
    if (CHALLENGE_COOKIES.some((re) => re.test(name))) return { kind: 'challenge-cookie', evidence: `status ${res.status}, Set-Cookie ${name}` };
  }
  const head = res.body.slice(0, 20_000);
  const text = CHALLENGE_TEXTS.find((t) => head.includes(t));
  const visible = visibleText(head);
  const scripts = (head.match(/<script\b/gi) ?? []).length;
  const links = (head.match(/<a\s[^>]*href/gi) ?? []).length;
  if (text && visible.length < 400 && links < 5) return { kind: 'challenge-text', evidence: `status ${res.status}, page says "${text}"` };
  const script = CHALLENGE_SCRIPTS.find((c) => c.test(head));
  if (script && visible.length < 400 && links < 5) return { kind: 'challenge-script', evidence: `status ${res.status}, ${script.name}` };
  if (scripts > 0 && links === 0 && visible.length < 20 && head.length > 200) {
    return { kind: 'script-shell', evidence: `status ${res.status}, ${scripts} script(s), no links, ${visible.length} chars of text` };
  }
  return null;
}

export interface RawResponseForChallenge {
  readonly status: number;
  readonly setCookies: readonly string[];
  readonly body: Uint8Array;
  readonly contentType: string | null;
  /** The source's `encoding` override, meant for its list pages. */
  readonly override?: string | null | undefined;
}

/**
 * Challenge detection on the bytes as sent: decoded by the header charset,
 * BOM, <meta> or sniffing first, because a WAF answers in its own encoding
 * whatever the portal's pages use (a UTF-8 安全验证 page read as GBK is
 * mojibake and passes unnoticed); then as the override reads it.
 */
export function detectChallengeInBytes(res: RawResponseForChallenge): ChallengeEvidence | null {
  const asSent = detectChallenge({ status: res.status, setCookies: res.setCookies, body: toText(res.body, res.contentType).text });
  if (asSent || !res.override) return asSent;
  return detectChallenge({ status: res.status, setCookies: res.setCookies, body: toText(res.body, res.contentType, res.override).text });
}

function visibleText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<style\b[\s\S]*?<\/style>/gi, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;|\s+/g, '');
}

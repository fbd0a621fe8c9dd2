import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DEFAULT_ARCHIVE_LIMITS } from './archive-members.ts';
import { DEFAULT_DOCUMENT_WORDS, DEFAULT_DOWNLOAD_PATTERNS } from './attachment-links.ts';

/**
 * The portals file: one entry per portal, validated once at load. Defaults
 * are filled here, so the crawler never has to guess a missing option.
 * Values may contain `${NAME}` placeholders, filled from the environment
 * (the fixture tests point the example file at their server that way).
 */

export type ListType = 'trs' | 'hanweb' | 'query' | 'json';

const hostPattern = /^[a-z0-9.-]+(:\d{1,5})?$/i;
const host = z.string().regex(hostPattern, 'must be a host name, optionally with :port (no scheme, no path)');
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http:// or https:// URL');
const cssSelector = z.string().min(1);

const trsList = z.object({
  type: z.literal('trs'),
  /** Anchors of the entries on a list page. */
  entrySelector: cssSelector.default('a'),
  /** Where the date of an entry sits, relative to the entry's list item (`li`, `tr`). */
  dateSelector: cssSelector.optional(),
  /** The element around one entry, for its date. */
  itemSelector: cssSelector.default('li'),
});

const hanwebList = z.object({
  type: z.literal('hanweb'),
  entrySelector: cssSelector.default('a'),
  dateSelector: cssSelector.optional(),
  itemSelector: cssSelector.default('li'),
  /** The column (`columnid`) whose records are listed. */
  columnId: z.union([z.string(), z.number()]).transform(String),
  unitId: z.union([z.string(), z.number()]).transform(String).optional(),
  webId: z.union([z.string(), z.number()]).transform(String).optional(),
  /** Records per list page (`perpage`); the proxy is asked for `perPage * pagesPerRequest` at once. */
  perPage: z.number().int().positive().max(200).default(15),
  pagesPerRequest: z.number().int().positive().max(10).default(3),
  /** Path of the data proxy on the seed's host. */
  proxyPath: z.string().startsWith('/').default('/module/web/jpage/dataproxy.jsp'),
});

const queryList = z.object({
  type: z.literal('query'),
  entrySelector: cssSelector.default('a'),
  dateSelector: cssSelector.optional(),
  itemSelector: cssSelector.default('li'),
  pageParam: z.string().min(1).default('page'),
  firstPage: z.number().int().nonnegative().default(1),
});

const fieldPath = z.string().regex(/^\$?(\.?[A-Za-z_][\w-]*|\[\d+\])*$/, 'must be a path like $.data.list or item.url');
const jsonList = z.object({
  type: z.literal('json'),
  pageParam: z.string().min(1).default('page'),
  firstPage: z.number().int().nonnegative().default(1),
  /** Path to the array of items in the response, e.g. `$.data.list`. */
  items: fieldPath,
  /** Paths inside one item. */
  fields: z.object({ url: fieldPath, title: fieldPath, date: fieldPath.optional() }),
  /** Path to the total number of pages, when the API gives it. */
  totalPages: fieldPath.optional(),
});

const listSchema = z.discriminatedUnion('type', [trsList, hanwebList, queryList, jsonList]);

const fileExtensions = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'wps', 'et', 'zip'] as const;
const DEFAULT_EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'wps', 'zip'] as const;
/** pdf.js's viewer: `…/web/viewer.html?file=/upload/a.pdf`. */
const DEFAULT_VIEWERS = [{ path: '/viewer\\.html?$', param: 'file' }];
const regexSource = z.string().min(1).refine((p) => {
  try {
    new RegExp(p, 'i');
    return true;
  } catch {
    return false;
  }
}, 'must be a valid regular expression');

const politeness = {
  /** Minimum pause between two requests to one host, before jitter. */
  minDelayMs: z.number().int().nonnegative().optional(),
  /** Extra random pause, as a fraction of the delay (0.5: up to 50 % more). */
  jitter: z.number().min(0).max(5).optional(),
  /** Requests in flight per host. */
  perHostConcurrency: z.number().int().positive().max(8).optional(),
  /** Headers and connect timeout, and the whole download's timeout. */
  requestTimeoutMs: z.number().int().positive().optional(),
  bodyTimeoutMs: z.number().int().positive().optional(),
  /** Largest HTML/XML/JSON page read, and largest file downloaded. */
  maxPageBytes: z.number().int().positive().optional(),
  maxFileBytes: z.number().int().positive().optional(),
  /** Retries of one request after 429/503/network errors, and the longest Retry-After honoured. */
  maxRetries: z.number().int().nonnegative().max(10).optional(),
  maxRetryAfterMs: z.number().int().nonnegative().optional(),
  /** Ceiling on total requests of one crawl of one source. */
  maxRequests: z.number().int().positive().optional(),
  /** After a challenge page, crawls of the source make no request for this long (a known block). */
  blockBackoffMs: z.number().int().nonnegative().optional(),
};

const defaultsSchema = z
  .object({
    /** Names the project; the contact URL is appended as `(+URL)`. */
    userAgent: z.string().min(1).default('budget-ingest-crawler/0.1'),
    contactUrl: httpUrl.optional(),
    ...politeness,
  })
  .strict();

const portalSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, - or _'),
    regionCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit administrative division code').optional(),
    enabled: z.boolean().default(true),
    /** Five- or six-field cron pattern; none means "only on demand". */
    cron: z.string().regex(/^\S+(\s+\S+){4,5}$/, 'must be a 5- or 6-field cron pattern').optional(),
    timezone: z.string().default('Asia/Shanghai'),
    seeds: z.array(httpUrl).min(1),
    list: listSchema,
    /** Links to files on detail pages (and on list pages). */
    attachments: z
      .object({
        selector: cssSelector.default('a'),
        extensions: z.array(z.enum(fileExtensions)).min(1).default([...DEFAULT_EXTENSIONS]),
        /** Hosts that serve the files, besides the seeds' hosts. */
        hosts: z.array(host).default([]),
        /** URLs (path and query) matching one of these regexes are download scripts: fetched, and kept when the answer is a document. */
        downloadPatterns: z.array(regexSource).default([...DEFAULT_DOWNLOAD_PATTERNS]),
        /** Link texts naming one of these (or a file extension) make an extension-less link a candidate too. */
        documentWords: z.array(z.string().min(1)).default([...DEFAULT_DOCUMENT_WORDS]),
        /** Documents shown in the page rather than linked: the sources of <iframe>, <frame>, <embed> and <object data> anywhere on a detail page. */
        embeds: z.boolean().default(true),
        /** Viewer pages whose query names the document (pdf.js `viewer.html?file=…`): the document is fetched, not the viewer. */
        viewers: z.array(z.object({ path: regexSource, param: z.string().min(1) }).strict()).default(DEFAULT_VIEWERS),
        /** Zip-bomb limits of an archive read member by member. */
        archives: z
          .object({
            maxMembers: z.number().int().positive().default(DEFAULT_ARCHIVE_LIMITS.maxMembers),
            maxMemberBytes: z.number().int().positive().default(DEFAULT_ARCHIVE_LIMITS.maxMemberBytes),
            maxTotalBytes: z.number().int().positive().default(DEFAULT_ARCHIVE_LIMITS.maxTotalBytes),
            maxRatio: z.number().positive().default(DEFAULT_ARCHIVE_LIMITS.maxRatio),
          })
          .strict()
          .default({ ...DEFAULT_ARCHIVE_LIMITS }),
      })
      .strict()
      .default({
        selector: 'a',
        extensions: [...DEFAULT_EXTENSIONS],
        hosts: [],
        downloadPatterns: [...DEFAULT_DOWNLOAD_PATTERNS],
        documentWords: [...DEFAULT_DOCUMENT_WORDS],
        embeds: true,
        viewers: DEFAULT_VIEWERS,
        archives: { ...DEFAULT_ARCHIVE_LIMITS },
      }),
    /** Extra hosts of list and detail pages, besides the seeds' hosts. */
    hosts: z.array(host).default([]),
    filter: z
      .object({
        /** An entry is followed when its title contains one of these (none: every entry). */
        keywords: z.array(z.string().min(1)).default([]),
        /** Titles containing one of these are skipped. */
        exclude: z.array(z.string().min(1)).default([]),
        /** Entries whose title or date names a year outside [minYear, maxYear] are skipped. */
        minYear: z.number().int().min(1990).max(2100).optional(),
        maxYear: z.number().int().min(1990).max(2100).optional(),
      })
      .strict()
      .default({ keywords: [], exclude: [] }),
    /** List pages read per seed. */
    maxPages: z.number().int().positive().max(1000).default(20),
    /** Levels of HTML pages below a list page (1: detail pages). */
    maxDepth: z.number().int().nonnegative().max(3).default(1),
    /** Overrides every other way of finding the pages' charset. */
    encoding: z.enum(['utf-8', 'gbk', 'gb2312', 'gb18030', 'big5']).optional(),
    /** `status` flags the source when this many finished runs in a row found no new file (the site may have moved). */
    staleAfterRuns: z.number().int().positive().max(1000).default(8),
    /** Lets the crawler reach private, loopback and link-local addresses (the test portal). */
    allowPrivateNetwork: z.boolean().default(false),
    ...politeness,
  })
  .strict();

const fileSchema = z
  .object({
    defaults: defaultsSchema.default({ userAgent: 'budget-ingest-crawler/0.1' }),
    portals: z.array(portalSchema).min(1),
  })
  .strict();

export type ListConfig = z.infer<typeof listSchema>;

/** One portal with every option resolved (defaults merged in). */
export interface PortalConfig extends Omit<z.infer<typeof portalSchema>, keyof typeof politeness> {
  readonly politeness: Politeness;
  readonly userAgent: string;
  /** Every host the crawl may contact: seeds' hosts, `hosts`, `attachments.hosts`. */
  readonly scopeHosts: readonly string[];
}

export interface Politeness {
  readonly minDelayMs: number;
  readonly jitter: number;
  readonly perHostConcurrency: number;
  readonly requestTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly maxPageBytes: number;
  readonly maxFileBytes: number;
  readonly maxRetries: number;
  readonly maxRetryAfterMs: number;
  readonly maxRequests: number;
  readonly blockBackoffMs: number;
}

export const DEFAULT_POLITENESS: Politeness = {
  minDelayMs: 2000,
  jitter: 0.5,
  perHostConcurrency: 1,
  requestTimeoutMs: 30_000,
  bodyTimeoutMs: 300_000,
  maxPageBytes: 5 * 1024 * 1024,
  maxFileBytes: 200 * 1024 * 1024,
  maxRetries: 3,
  maxRetryAfterMs: 120_000,
  maxRequests: 5000,
  blockBackoffMs: 24 * 60 * 60 * 1000,
};

export interface PortalsConfig {
  readonly portals: readonly PortalConfig[];
}

export class PortalConfigError extends Error {
  override readonly name = 'PortalConfigError';
  readonly code = 'invalid-portal-config';
  constructor(
    readonly issues: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`invalid portals config:\n${issues.map((i) => `  - ${i}`).join('\n')}`, options);
  }
}

export interface ParsePortalsOptions {
  /**
   * Where `${NAME}` placeholders are filled from: the process environment
   * (the CLI and the fetcher pass theirs). A placeholder whose variable is
   * unset is an error that names the variable and its line (comment lines
   * are left alone).
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Parses and validates a portals file's text (YAML or JSON, which is YAML too). */
export function parsePortalsConfig(text: string, opts: ParsePortalsOptions = {}): PortalsConfig {
  const missing: string[] = [];
  const filled = fillPlaceholders(text, opts.env ?? {}, missing);
  if (missing.length > 0) throw new PortalConfigError(missing);
  let raw: unknown;
  try {
    raw = parseYaml(filled);
  } catch (err) {
    throw new PortalConfigError([`(file): not valid YAML: ${(err as Error).message}`], { cause: err });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PortalConfigError(parsed.error.issues.map((i) => `${formatPath(i.path, raw)}: ${i.message}`));
  }
  const { defaults, portals } = parsed.data;
  const issues: string[] = [];
  const seen = new Set<string>();
  const resolved = portals.map((p, i) => {
    if (seen.has(p.name)) issues.push(`portals[${i}] (${p.name}).name: duplicate portal name`);
    seen.add(p.name);
    if (p.filter.minYear !== undefined && p.filter.maxYear !== undefined && p.filter.minYear > p.filter.maxYear) {
      issues.push(`portals[${i}] (${p.name}).filter: minYear is after maxYear`);
    }
    return resolvePortal(p, defaults);
  });
  if (issues.length > 0) throw new PortalConfigError(issues);
  return { portals: resolved };
}

function resolvePortal(p: z.infer<typeof portalSchema>, d: z.infer<typeof defaultsSchema>): PortalConfig {
  const pick = <K extends keyof Politeness>(k: K): Politeness[K] => (p[k] ?? d[k] ?? DEFAULT_POLITENESS[k]) as Politeness[K];
  const politenessValues: Politeness = {
    minDelayMs: pick('minDelayMs'),
    jitter: pick('jitter'),
    perHostConcurrency: pick('perHostConcurrency'),
    requestTimeoutMs: pick('requestTimeoutMs'),
    bodyTimeoutMs: pick('bodyTimeoutMs'),
    maxPageBytes: pick('maxPageBytes'),
    maxFileBytes: pick('maxFileBytes'),
    maxRetries: pick('maxRetries'),
    maxRetryAfterMs: pick('maxRetryAfterMs'),
    maxRequests: pick('maxRequests'),
    blockBackoffMs: pick('blockBackoffMs'),
  };
  const seedHosts = p.seeds.map((s) => new URL(s).host.toLowerCase());
  const scopeHosts = [...new Set([...seedHosts, ...p.hosts, ...p.attachments.hosts].map((h) => h.toLowerCase()))];
  const rest = Object.fromEntries(Object.entries(p).filter(([k]) => !(k in politeness))) as Omit<z.infer<typeof portalSchema>, keyof typeof politeness>;
  return {
    ...rest,
    politeness: politenessValues,
    userAgent: d.contactUrl ? `${d.userAgent} (+${d.contactUrl})` : d.userAgent,
    scopeHosts,
  };
}

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Fills placeholders before parsing (so they work inside flow collections too), on every line but comment lines. */
function fillPlaceholders(text: string, env: Readonly<Record<string, string | undefined>>, missing: string[]): string {
  return text
    .split('\n')
    .map((line, i) =>
      /^\s*#/.test(line)
        ? line
        : line.replace(PLACEHOLDER, (whole, name: string) => {
            const v = env[name];
            if (v !== undefined && v !== '') return v;
            missing.push(`line ${i + 1}: ${whole}: the environment variable ${name} is not set (placeholders are filled from the environment)`);
            return whole;
          }),
    )
    .join('\n');
}

/** `portals[2] (name).list.type` rather than `portals.2.list.type`. */
function formatPath(path: readonly PropertyKey[], raw: unknown): string {
  if (path.length === 0) return '(root)';
  let out = '';
  let node: unknown = raw;
  for (const [i, key] of path.entries()) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      if (i === 1 && path[0] === 'portals' && node && typeof node === 'object' && 'name' in node) out += ` (${String((node as { name: unknown }).name)})`;
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[String(key)] : undefined;
    }
  }
  return out;
}

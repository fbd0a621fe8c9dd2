import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLITENESS, parsePortalsConfig, PortalConfigError } from './portal-config.ts';

const EXAMPLE = readFileSync(new URL('../../../config/portals.example.yaml', import.meta.url), 'utf8');
const VARS = { PORTAL_MAIN: '127.0.0.1:1', PORTAL_FILES: '127.0.0.1:2', PORTAL_FLAKY: '127.0.0.1:3', PORTAL_GUARDED: '127.0.0.1:4' };

function issuesOf(text: string): readonly string[] {
  try {
    parsePortalsConfig(text);
  } catch (err) {
    if (err instanceof PortalConfigError) return err.issues;
    throw err;
  }
  return [];
}

describe('parsePortalsConfig', () => {
  it('accepts the example file with every list type and fills the scope from seeds and attachment hosts', () => {
    const cfg = parsePortalsConfig(EXAMPLE, { env: VARS });
    expect(cfg.portals.map((p) => [p.name, p.list.type])).toEqual([
      ['fixture-trs', 'trs'],
      ['fixture-hanweb', 'hanweb'],
      ['fixture-query', 'query'],
      ['fixture-json', 'json'],
      ['fixture-waf', 'trs'],
      ['fixture-jyh', 'trs'],
      ['fixture-jsl', 'trs'],
      ['fixture-rs', 'trs'],
      ['fixture-cut', 'trs'],
    ]);
    const trs = cfg.portals[0]!;
    expect(trs.scopeHosts).toEqual(['127.0.0.1:1', '127.0.0.1:2']);
    expect(trs.politeness.minDelayMs).toBe(50);
    expect(trs.politeness.maxRetries).toBe(3);
    expect(trs.userAgent).toBe('budget-ingest-crawler/0.1 (+https://github.com/budget-ingest/budget-ingest#crawling-portals)');
  });

  it('fills documented defaults for a minimal entry', () => {
    const cfg = parsePortalsConfig('portals:\n  - name: x\n    seeds: [https://www.example.gov.cn/col/index.html]\n    list: { type: trs }\n');
    const p = cfg.portals[0]!;
    expect(p.politeness).toEqual(DEFAULT_POLITENESS);
    expect(p.politeness.minDelayMs).toBe(2000);
    expect(p.allowPrivateNetwork).toBe(false);
    expect(p.maxDepth).toBe(1);
    expect(p.attachments.extensions).toContain('wps');
    expect(p.timezone).toBe('Asia/Shanghai');
  });

  it('names the portal and the field of each problem', () => {
    const issues = issuesOf(`portals:
  - name: good
    seeds: [https://a.gov.cn/]
    list: { type: trs }
  - name: bad
    regionCode: "12"
    seeds: [ftp://a.gov.cn/]
    list: { type: hanweb }
    speed: 3
`);
    expect(issues.some((i) => i.startsWith('portals[1] (bad).regionCode'))).toBe(true);
    expect(issues.some((i) => i.startsWith('portals[1] (bad).seeds[0]'))).toBe(true);
    expect(issues.some((i) => i.startsWith('portals[1] (bad).list.columnId'))).toBe(true);
    expect(issues.some((i) => i.includes('speed'))).toBe(true);
  });

  it('rejects an unknown list type, duplicate names and a placeholder without a value', () => {
    expect(issuesOf('portals:\n  - name: a\n    seeds: [https://a.gov.cn/]\n    list: { type: rss }\n').join()).toMatch(/list\.type/);
    expect(issuesOf('portals:\n  - name: a\n    seeds: [https://a.gov.cn/]\n    list: { type: trs }\n  - name: a\n    seeds: [https://b.gov.cn/]\n    list: { type: trs }\n').join()).toMatch(/duplicate portal name/);
  });

  it('fills ${NAME} placeholders in values from the environment, and names the variable and field of one that is unset', () => {
    const text = '# ${IN_A_COMMENT} is not filled\nportals:\n  - name: a\n    seeds: [https://${HOST}/col/index.html]\n    list: { type: trs }\n';
    expect(parsePortalsConfig(text, { env: { HOST: 'www.example.gov.cn' } }).portals[0]?.seeds).toEqual(['https://www.example.gov.cn/col/index.html']);
    expect(issuesOf(text)).toEqual(['line 4: ${HOST}: the environment variable HOST is not set (placeholders are filled from the environment)']);
  });

  it('rejects a download pattern that is not a regular expression', () => {
    expect(issuesOf('portals:\n  - name: a\n    seeds: [https://a.gov.cn/]\n    list: { type: trs }\n    attachments: { downloadPatterns: ["down("] }\n').join()).toMatch(/attachments\.downloadPatterns\[0\]: must be a valid regular expression/);
  });

  it('reports YAML syntax errors as config errors', () => {
    expect(issuesOf('portals: [\n')[0]).toMatch(/not valid YAML/);
  });
});

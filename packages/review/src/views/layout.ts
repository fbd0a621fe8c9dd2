import { html } from 'hono/html';

/** Server-rendered HTML: every interpolated string is escaped by hono's `html` (document text is hostile input). */
export type Html = ReturnType<typeof html>;

/** What every page knows about the viewer. */
export interface PageContext {
  /** The reviewer logged in, or null (reading only). */
  readonly reviewer: string | null;
  /** The session's CSRF token, sent back with every write. */
  readonly csrf: string | null;
}

export function layout(ctx: PageContext, title: string, body: Html, opts: { readonly bodyClass?: string } = {}): Html {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${ctx.csrf ?? ''}">
<title>${title} · budget-ingest review</title>
<link rel="stylesheet" href="/assets/review.css">
<script type="module" src="/assets/review.js"></script>
</head>
<body class="${opts.bodyClass ?? ''}">
<nav class="top">
  <a href="/" class="brand">budget-ingest review</a>
  <a href="/">Documents</a>
  <a href="/publications">Publications</a>
  <a href="/corrections">Corrections</a>
  <span class="who">${ctx.reviewer ? html`reviewing as <b>${ctx.reviewer}</b> · <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${ctx.csrf ?? ''}"><button>log out</button></form>` : html`reading · <a href="/login">log in to correct</a>`}</span>
</nav>
${body}
</body>
</html>`;
}

/** A yuan amount as printed with thousands separators, from its exact decimal string (never a float). */
export function yuanText(yuan: string | null): string {
  if (yuan === null) return '';
  const [int, frac] = yuan.split('.');
  const sign = int!.startsWith('-') ? '-' : '';
  const digits = sign ? int!.slice(1) : int!;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac !== undefined ? `.${frac}` : ''}`;
}

/** The query string of a page link: the current filters with another page number. */
export function withParams(base: Readonly<Record<string, unknown>>, changes: Readonly<Record<string, unknown>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...base, ...changes })) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  return `?${params.toString()}`;
}

export function pager(base: Readonly<Record<string, unknown>>, page: number, perPage: number, total: number): Html {
  const last = Math.max(1, Math.ceil(total / perPage));
  return html`<p class="pager">
    ${page > 1 ? html`<a rel="prev" href="${withParams(base, { page: page - 1 })}">← previous</a>` : ''}
    page ${page} of ${last} · ${total} in all
    ${page < last ? html`<a rel="next" href="${withParams(base, { page: page + 1 })}">next →</a>` : ''}
  </p>`;
}

import { html } from 'hono/html';
import { documentStatus, reportKind } from '@budget-ingest/db';
import type { DocumentFilter, DocumentPage } from '../document-list.ts';
import { layout, pager, type Html, type PageContext } from './layout.ts';

const FAILED = new Set(['failed', 'needs_ocr', 'unsupported']);

export function documentsPage(ctx: PageContext, filter: DocumentFilter, page: DocumentPage): Html {
  const { page: _p, per_page: _pp, ...base } = filter;
  const select = (name: string, values: readonly string[], current: string | undefined) =>
    html`<select name="${name}" id="filter-${name}"><option value="">any ${name}</option>${values.map((v) => html`<option value="${v}" ${v === current ? 'selected' : ''}>${v}</option>`)}</select>`;
  const body = html`<main class="list">
<h1>Documents</h1>
<form class="filters" method="get" action="/" id="filters">
  <input type="search" name="q" id="filter-q" placeholder="search titles, organisations, file names" value="${filter.q ?? ''}">
  ${select('status', documentStatus.enumValues, filter.status)}
  ${select('kind', reportKind.enumValues, filter.kind)}
  <input name="region" id="filter-region" placeholder="region (code or name)" value="${filter.region ?? ''}" size="14">
  <input name="year" id="filter-year" placeholder="year" value="${filter.year ?? ''}" size="5" inputmode="numeric">
  <input name="organization" id="filter-organization" placeholder="organisation" value="${filter.organization ?? ''}" size="16">
  <button type="submit">filter</button> <a href="/">clear</a>
</form>
<table class="documents" id="documents">
<thead><tr><th>file</th><th>status</th><th>format</th><th>pages</th><th>reports</th><th title="validation findings">findings</th><th>unconfirmed</th><th>contradicted</th></tr></thead>
<tbody>
${page.documents.map(
  (d) => html`<tr class="document status-${d.status}" data-document="${d.id}">
  <td class="file">${d.file_name}
    ${d.report_list.map((r) => html`<div class="report-link"><a href="/reports/${r.id}">${r.fiscal_year ?? '?'} · ${r.organization ?? '(no organisation)'} · ${r.title ?? r.kind}</a></div>`)}
    ${FAILED.has(d.status) ? html`<div class="error"><code>${d.error_code ?? ''}</code> ${d.error_message ?? ''}
      <form method="post" action="/api/documents/${d.id}/retry" class="inline retry"><input type="hidden" name="_csrf" value="${ctx.csrf ?? ''}"><button ${ctx.reviewer ? '' : 'disabled title="log in to retry"'}>retry</button></form></div>` : ''}
  </td>
  <td><span class="badge ${d.status}">${d.status}</span></td>
  <td>${d.format}</td><td class="num">${d.page_count ?? ''}</td><td class="num">${d.reports}</td>
  <td class="num">${d.findings}</td><td class="num">${d.unconfirmed}</td><td class="num ${d.contradicted ? 'warn' : ''}">${d.contradicted}</td>
</tr>`,
)}
</tbody>
</table>
${page.documents.length === 0 ? html`<p class="empty">No document matches.</p>` : ''}
${pager(base, page.page, page.per_page, page.total)}
</main>`;
  return layout(ctx, 'Documents', body);
}

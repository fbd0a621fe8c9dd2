import { html } from 'hono/html';
import type { CorrectionExport } from '@budget-ingest/export';
import type { OrganizationView, PublicationFilter, PublicationRow } from '../browse.ts';
import { layout, pager, yuanText, type Html, type PageContext } from './layout.ts';

export function publicationsPage(ctx: PageContext, f: PublicationFilter, page: { total: number; publications: readonly PublicationRow[] }): Html {
  const { page: _p, per_page: _pp, ...base } = f;
  return layout(
    ctx,
    'Publications',
    html`<main class="list"><h1>Publications</h1>
<form class="filters" method="get" action="/publications"><input type="search" name="q" placeholder="organisation or identity" value="${f.q ?? ''}"><button>search</button></form>
<table class="publications"><thead><tr><th>year</th><th>organisation</th><th>kind</th><th>region</th><th>sources</th></tr></thead><tbody>
${page.publications.map(
  (p) => html`<tr><td>${p.fiscal_year ?? ''}</td>
  <td>${p.organization_id ? html`<a href="/organizations/${p.organization_id}">${p.organization ?? ''}</a>` : (p.organization ?? '')}</td>
  <td>${p.kind}</td><td>${p.region_code ?? ''}</td>
  <td><ul class="sources">${p.sources.map((s) => html`<li><a href="/reports/${s.report_id}">${s.file}</a> <span class="fmt">${s.format}</span>${s.canonical ? html` <b>canonical</b>` : ''}</li>`)}</ul></td></tr>`,
)}
</tbody></table>
${pager(base, f.page, f.per_page, page.total)}</main>`,
  );
}

export function organizationPage(ctx: PageContext, o: OrganizationView): Html {
  const money = (v: unknown) => yuanText(typeof v === 'string' ? v : null);
  return layout(
    ctx,
    o.name,
    html`<main class="list"><h1>${o.name}</h1>
<p>${o.region_code ?? ''} · also printed as: ${o.aliases.join('、')}</p>
<h2>Reports across years</h2>
<table class="org-years"><thead><tr><th>year</th><th>kind</th><th>title</th><th>total budget</th><th>total actual</th><th>basic actual</th><th>project actual</th><th>“三公” budget</th><th>“三公” actual</th><th>execution %</th><th>findings</th><th>sources</th></tr></thead><tbody>
${o.reports.map(
  (r) => html`<tr><td>${String(r.fiscal_year ?? '')}</td><td>${String(r.kind)}</td><td><a href="/reports/${String(r.report_id)}">${String(r.title ?? r.file_name)}</a></td>
<td class="num">${money(r.total_budget_adjusted ?? r.total_budget_initial)}</td><td class="num">${money(r.total_actual)}</td><td class="num">${money(r.basic_actual)}</td><td class="num">${money(r.project_actual)}</td>
<td class="num">${money(r.three_public_budget_initial)}</td><td class="num">${money(r.three_public_actual)}</td><td class="num">${String(r.execution_rate_pct ?? '')}</td><td class="num">${String(r.findings)}</td><td class="num">${String(r.source_count)}</td></tr>`,
)}
</tbody></table></main>`,
  );
}

export function correctionsPage(ctx: PageContext, rows: readonly CorrectionExport[]): Html {
  const orphaned = rows.filter((r) => r.orphaned);
  const row = (c: CorrectionExport) =>
    html`<tr class="${c.orphaned ? 'orphaned' : c.in_force ? '' : 'history'}"><td>${c.at}</td><td>${c.reviewer}</td><td>${c.action}</td><td><code>${c.publication}</code></td><td><code>${c.value_key}</code></td>
<td>${c.old_value ? JSON.stringify(c.old_value) : ''}</td><td>${c.new_value ? JSON.stringify(c.new_value) : ''}</td><td>${c.note ?? ''}</td><td>${c.orphaned ? 'orphaned' : c.in_force ? 'in force' : 'superseded'}</td></tr>`;
  const table = (list: readonly CorrectionExport[]) =>
    html`<table class="corrections"><thead><tr><th>when</th><th>reviewer</th><th>action</th><th>publication</th><th>value</th><th>was</th><th>now</th><th>note</th><th>state</th></tr></thead><tbody>${list.map(row)}</tbody></table>`;
  return layout(
    ctx,
    'Corrections',
    html`<main class="list"><h1>Corrections (${rows.length})</h1>
<h2 id="orphaned">Orphaned (${orphaned.length})</h2>
<p>A correction whose value no reparse reads any more: kept and listed here, never applied, never dropped.</p>
${orphaned.length ? table(orphaned) : html`<p class="empty">None.</p>`}
<h2>All, oldest first</h2>${table(rows)}</main>`,
  );
}

export function loginPage(ctx: PageContext, message: string | null): Html {
  return layout(
    ctx,
    'Log in',
    html`<main class="list login"><h1>Log in to review</h1>
<p>Paste the review token (<code>REVIEW_TOKEN</code>, or the one <code>budget-ingest review</code> printed at start).</p>
${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<form method="post" action="/login" id="login-form"><input type="password" name="token" id="token" autocomplete="off" size="40"> <button>log in</button></form></main>`,
  );
}

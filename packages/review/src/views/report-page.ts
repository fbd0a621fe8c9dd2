import { html } from 'hono/html';
import { amountItem, amountPhase, lineClassification } from '@budget-ingest/db';
import type { DocumentModel } from '@budget-ingest/doc-model';
import { MONEY_UNITS } from '../corrections.ts';
import type { ReportDetail } from '../report-detail.ts';
import { layout, yuanText, type Html, type PageContext } from './layout.ts';
import { modelHtml } from './model-html.ts';

/** What every value row carries for the client: where to find its source, and what to correct. */
interface ValueView {
  readonly target: 'amount' | 'line' | 'indicator';
  readonly valueKey: string;
  readonly verification: string;
  readonly page: number | null;
  readonly bbox: number[] | null;
  readonly anchor: { readonly block: number; readonly row?: number; readonly cell?: number } | null;
  readonly sourceText: string;
  readonly correctionId: number | null;
  /** The value as a reviewer would type it again (yuan, or an indicator's result). */
  readonly value: string | null;
  readonly phase?: string;
  readonly fiscalYear?: number;
  readonly unit?: string | null;
}

function valueRow(d: ReportDetail, v: ValueView, cells: Html): Html {
  const c = v.correctionId === null ? undefined : d.corrections.get(v.correctionId);
  return html`<tr class="value ${v.verification}" tabindex="-1"
    data-target="${v.target}" data-key="${v.valueKey}" data-verification="${v.verification}"
    data-page="${v.page ?? ''}" data-bbox="${v.bbox?.join(',') ?? ''}"
    data-block="${v.anchor?.block ?? ''}" data-row="${v.anchor?.row ?? ''}" data-cell="${v.anchor?.cell ?? ''}"
    data-source="${v.sourceText}" data-value="${v.value ?? ''}" data-phase="${v.phase ?? ''}" data-year="${v.fiscalYear ?? ''}" data-unit="${v.unit ?? ''}">
    ${cells}
    <td><span class="badge ${v.verification}">${v.verification}</span>${c ? html`<div class="review">${c.action} by ${c.reviewer}${c.note ? html`: <q>${c.note}</q>` : ''}</div>` : ''}</td>
  </tr>`;
}

export function reportPage(ctx: PageContext, d: ReportDetail, model: DocumentModel | null): Html {
  const r = d.report;
  const isPdf = d.document.format === 'pdf';
  const title = r.title ?? `${r.organization ?? ''} ${r.fiscalYear ?? ''} ${r.kind}`;
  const identity = html`<header class="identity">
  <h1>${title}</h1>
  <dl>
    <dt>organisation</dt><dd>${d.organization ? html`<a href="/organizations/${d.organization.id}">${r.organization ?? d.organization.name}</a>` : (r.organization ?? '')}</dd>
    <dt>kind</dt><dd>${r.kind}</dd><dt>year</dt><dd>${r.fiscalYear ?? ''}</dd>
    <dt>region</dt><dd>${[r.province, r.city, r.county].filter(Boolean).join(' ')} ${r.regionCode ?? ''}</dd>
    <dt>document</dt><dd>${d.document.fileName} (${d.document.format}${d.document.pageCount ? `, ${d.document.pageCount} pages` : ''})</dd>
    ${r.documentNumber ? html`<dt>文号</dt><dd>${r.documentNumber}</dd>` : ''}
    ${r.selfEvaluationScore !== null ? html`<dt>self-evaluation</dt><dd>${r.selfEvaluationScore} ${r.selfEvaluationRating ?? ''}</dd>` : ''}
    <dt>publication</dt><dd>${d.publication ? html`<a href="/publications?key=${d.publication.key}">${d.publication.sourceCount} source(s)</a>${d.publication.canonical ? ' · canonical' : ' · not the canonical source'}` : 'none'}</dd>
  </dl>
</header>`;
  const findings = html`<section class="findings"><h2>Findings (${d.findings.length})</h2>
${d.findings.length === 0 ? html`<p class="empty">No contradiction found in this report.</p>` : html`<ul>${d.findings.map((f) => html`<li class="finding ${f.severity}"><code>${f.rule}</code> ${f.message}${f.pages.length ? html` <span class="pages">p. ${f.pages.join(', ')}</span>` : ''}</li>`)}</ul>`}
</section>`;
  const amountRows = d.amounts.map((a) =>
    valueRow(
      d,
      { target: 'amount', valueKey: a.valueKey, verification: a.verification, page: a.page, bbox: a.bbox, anchor: a.anchor, sourceText: a.sourceText, correctionId: a.correctionId, value: a.yuan, phase: a.phase, fiscalYear: a.fiscalYear },
      html`<td>${a.item}</td><td>${a.phase}</td><td>${a.fiscalYear}</td><td class="num"><button type="button" class="amount open-source">${yuanText(a.yuan)}</button></td><td class="num">${a.page ?? ''}</td>`,
    ),
  );
  const lineRows = d.lines.map((l) =>
    valueRow(
      d,
      { target: 'line', valueKey: l.valueKey, verification: l.verification, page: l.page, bbox: l.bbox, anchor: l.anchor, sourceText: l.sourceText, correctionId: l.correctionId, value: l.yuan, phase: l.phase, fiscalYear: l.fiscalYear },
      html`<td>${l.classification}</td><td>${l.code ?? ''}</td><td>${l.path.join(' / ')}</td><td>${l.phase} ${l.fiscalYear}</td><td class="num"><button type="button" class="amount open-source">${yuanText(l.yuan)}</button></td><td class="num">${l.page ?? ''}</td>`,
    ),
  );
  const indicatorRows = d.indicators.map((i) =>
    valueRow(
      d,
      { target: 'indicator', valueKey: i.valueKey, verification: i.verification, page: i.page, bbox: i.bbox, anchor: i.anchor, sourceText: [i.level1, i.level2, i.level3, i.targetRaw, i.actualRaw].filter(Boolean).join(' | '), correctionId: i.correctionId, value: i.actualValue, unit: i.actualUnit },
      html`<td>${[i.level1, i.level2].filter(Boolean).join(' / ')}</td><td>${i.level3}</td><td>${i.targetRaw ?? ''}</td><td><button type="button" class="open-source">${i.actualRaw ?? '—'}</button></td><td class="num">${i.score ?? ''}/${i.weight ?? ''}</td><td class="num">${i.page ?? ''}</td>`,
    ),
  );
  const valueTable = (id: string, caption: string, head: Html, rows: readonly Html[]) =>
    rows.length === 0 ? '' : html`<h2>${caption} (${rows.length})</h2><table class="values" id="${id}"><thead><tr>${head}<th>verification</th></tr></thead><tbody>${rows}</tbody></table>`;
  const options = (values: readonly string[]) => values.map((v) => html`<option value="${v}">${v}</option>`);
  const orphaned = d.orphaned.length
    ? html`<section class="orphaned"><h2>Orphaned corrections (${d.orphaned.length})</h2><p>Their value is no longer among this publication's parsed values (a reparse read it differently). They are kept, not applied.</p>
<ul>${d.orphaned.map((c) => html`<li><code>${c.valueKey}</code> ${c.action} by ${c.reviewer} ${c.note ? html`<q>${c.note}</q>` : ''}</li>`)}</ul></section>`
    : '';
  const canWrite = ctx.reviewer !== null;
  const source = html`<aside class="source" id="source" data-format="${d.document.format}" data-document="${d.document.id}" data-report="${r.id}">
  <div class="source-head"><b id="source-where">Select a value (j/k, Enter)</b></div>
  <blockquote id="source-text" class="source-text"></blockquote>
  ${isPdf ? html`<div id="pdf-page" class="pdf-page"><canvas id="pdf-canvas"></canvas><div id="highlight" class="highlight" hidden></div></div>` : model ? modelHtml(model) : html`<p class="empty">No document model stored.</p>`}
  <form id="correction-form" class="correction" method="post" action="/api/corrections" ${canWrite ? '' : 'hidden'}>
    <h2>Correct this value</h2>
    <input type="hidden" name="_csrf" value="${ctx.csrf ?? ''}">
    <input type="hidden" name="report_id" value="${r.id}">
    <input type="hidden" name="target" id="c-target">
    <input type="hidden" name="value_key" id="c-key">
    <label>action <select name="action" id="c-action"><option value="confirm">confirm</option><option value="correct">correct</option><option value="mark_wrong">mark wrong</option></select></label>
    <label>value <input name="value" id="c-value" size="16" inputmode="decimal"></label>
    <label>unit <select name="unit" id="c-unit">${Object.keys(MONEY_UNITS).map((u) => html`<option value="${u}">${u}</option>`)}</select></label>
    <label>phase <select name="phase" id="c-phase"><option value="">as read</option>${options(amountPhase.enumValues)}</select></label>
    <label>year <input name="fiscal_year" id="c-year" size="5" inputmode="numeric"></label>
    <label class="wide">note <input name="note" id="c-note" size="40"></label>
    <button type="submit" id="c-submit">save correction</button> <span id="c-status" role="status"></span>
  </form>
  ${canWrite ? '' : html`<p class="hint"><a href="/login">Log in</a> with a review token to correct values.</p>`}
</aside>`;
  const addForm = canWrite
    ? html`<details class="add"><summary>Add a value the parser missed</summary>
<form method="post" action="/api/corrections" class="add-form">
  <input type="hidden" name="_csrf" value="${ctx.csrf ?? ''}"><input type="hidden" name="report_id" value="${r.id}"><input type="hidden" name="action" value="add">
  <label>kind <select name="target"><option value="amount">amount</option><option value="line">expenditure line</option><option value="indicator">indicator</option></select></label>
  <label>item <select name="item"><option value=""></option>${options(amountItem.enumValues)}</select></label>
  <label>classification <select name="classification"><option value=""></option>${options(lineClassification.enumValues)}</select></label>
  <label>path (类/款/项) <input name="path" size="24"></label> <label>code <input name="code" size="8"></label>
  <label>三级指标 <input name="level3" size="16"></label>
  <label>phase <select name="phase"><option value=""></option>${options(amountPhase.enumValues)}</select></label>
  <label>year <input name="fiscal_year" size="5"></label>
  <label>value <input name="value" size="14"></label> <label>unit <input name="unit" size="4" placeholder="元"></label>
  <label class="wide">note <input name="note" size="40"></label>
  <button type="submit">add</button>
</form></details>`
    : '';
  const body = html`<main class="report-view">
<section class="values-pane" id="values">
${identity}
${findings}
${valueTable('amounts', 'Amounts', html`<th>item</th><th>phase</th><th>year</th><th>yuan</th><th>page</th>`, amountRows)}
${valueTable('lines', 'Expenditure lines', html`<th>class</th><th>code</th><th>path</th><th>phase</th><th>yuan</th><th>page</th>`, lineRows)}
${valueTable('indicators', 'Indicators', html`<th>level 1/2</th><th>三级指标</th><th>target</th><th>result</th><th>score</th><th>page</th>`, indicatorRows)}
${orphaned}
${addForm}
<p class="keys">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous value, <kbd>Enter</kbd> open its source, <kbd>c</kbd> confirm, <kbd>e</kbd> edit.</p>
</section>
${source}
</main>`;
  return layout(ctx, title, body, { bodyClass: 'report' });
}

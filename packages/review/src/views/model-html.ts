import { html } from 'hono/html';
import { toGrid, type Block, type DocumentModel } from '@budget-ingest/doc-model';
import type { Html } from './layout.ts';

/**
 * The stored document model as HTML, for formats without pages (DOCX, XLSX, converted DOC/XLS):
 * each block carries its index (`id="b12"`), each table cell its row and grid column and spans,
 * so the client can highlight the block, row or cell a value's anchor names. Text is escaped.
 */
export function modelHtml(model: DocumentModel): Html {
  return html`<div class="model">${model.blocks.map(blockHtml)}</div>`;
}

function blockHtml(block: Block): Html {
  if (block.kind === 'heading') return html`<h3 id="b${block.index}" class="block">${block.numbering ?? ''}${block.text}</h3>`;
  if (block.kind === 'paragraph') return html`<p id="b${block.index}" class="block">${block.text}</p>`;
  const grid = toGrid(block);
  return html`<table id="b${block.index}" class="block model-table">
${block.sheet || block.caption ? html`<caption>${block.sheet ? `${block.sheet} ` : ''}${block.caption ?? ''}</caption>` : ''}
${grid.map(
  (row, r) =>
    html`<tr data-r="${r}">${row.map((pos, c) =>
      pos.origin
        ? html`<td data-r="${r}" data-c="${c}" data-rs="${Math.max(1, pos.cell.rowspan)}" data-cs="${Math.max(1, pos.cell.colspan)}" rowspan="${Math.max(1, pos.cell.rowspan)}" colspan="${Math.max(1, pos.cell.colspan)}">${pos.cell.text}</td>`
        : '',
    )}</tr>`,
)}
</table>`;
}

import type { Block, DocumentModel } from './model.ts';
import { toTextGrid } from './grid.ts';

/** Plain text of one block; tables as tab-separated rows. */
export function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `${block.numbering ?? ''}${block.text}`;
    case 'paragraph':
      return block.text;
    case 'table':
      return toTextGrid(block)
        .map((row) => row.join('\t'))
        .join('\n');
  }
}

/** The document's text in reading order, one block per paragraph. Stored beside the model for full-text search. */
export function toPlainText(model: Pick<DocumentModel, 'blocks'>): string {
  return model.blocks.map(blockText).join('\n\n');
}

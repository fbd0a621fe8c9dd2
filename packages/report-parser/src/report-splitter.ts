/**
 * Report kinds and boundaries. A report starts at a title line (a short line
 * ending in 部门决算 / 部门预算 / 绩效自评报告 / 绩效评价报告, not a sentence,
 * not a table-of-contents entry); a title printed over several short lines
 * (year / organisation / kind) is joined. A 部门决算 or 部门预算 that carries
 * self-evaluation reports in its 附件 yields one report per part; a later
 * "第N部分" heading (e.g. 附表) returns to the main report.
 */
import { blockText, type Block } from '@budget-ingest/doc-model';
import { formTitleKind } from './form-identity.ts';
import { inferKind, type InferredKind } from './kind-recognition.ts';
import { isMainKind, matches, REPORT_KIND_ORDER, reportKindSpec, UNTITLED_KIND } from './specs/report-kinds.ts';
import type { ReportKind } from './types.ts';
import { isTocEntry, normaliseText } from './text.ts';

const PART_HEADING = /^第[一二三四五六七八九十]+部分/;
const NUMBERED_HEADING = /^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[、.](?!\d))/;

export interface ReportPart {
  readonly kind: ReportKind;
  /** The title as printed (normalised), or null when none was found. */
  readonly title: string | null;
  /** Positions (in the document's block list) of the blocks that belong to this report, in reading order. */
  readonly positions: readonly number[];
  /** Position of the title block (its first line), or null. */
  readonly titlePosition: number | null;
  /** True when the part is a self-evaluation form (its title names a 自评表), not a narrative report. */
  readonly form: boolean;
  /** Set when no title or repeated kind words named the kind and it was inferred from the document as a whole. */
  readonly inferred?: InferredKind;
}

/** The kind a title names, or null when the text is not a report title. */
export function titleKind(text: string): ReportKind | null {
  const t = normaliseText(text);
  // A numbered heading (三、绩效自评结果, (二)项目支出绩效自评报告) is a section of a report, not its title.
  if (t.length < 4 || t.length > 60 || /[,。;:!?]/.test(t) || isTocEntry(text) || NUMBERED_HEADING.test(t) || PART_HEADING.test(t)) return null;
  // The kinds' own title patterns (specs/report-kinds.ts), the more specific first.
  const named = REPORT_KIND_ORDER.find((kind) => reportKindSpec(kind).titles.some((p) => matches(p, t)));
  return named ?? formTitleKind(text);
}

/** A block after a title that is the report's body (a table, a sentence), not more title lines (日期, 附件1, (2019年度)). */
function isBody(block: Block): boolean {
  if (block.kind === 'table') return true;
  const t = normaliseText(blockText(block));
  return t.length > 40 || /。/.test(t);
}

/** Short lines that can be part of a title printed over several lines. */
function isTitlePiece(text: string): boolean {
  const t = normaliseText(text);
  // A red masthead (…文件) and a document number (…〔2023〕5号) sit above a title but are not part of it.
  return t.length > 0 && t.length <= 30 && !/[,。;:、]/.test(t) && !/附件/.test(t) && !/文件$|[〔[(]\d{4}[〕\])]\d+号$/.test(t) && !PART_HEADING.test(t) && !/^(目录|目次)$/.test(t) && !isTocEntry(text) && !/^\d+$/.test(t);
}


export function splitReports(blocks: readonly Block[]): ReportPart[] {
  interface Draft {
    kind: ReportKind;
    title: string | null;
    titlePosition: number | null;
    positions: number[];
    form: boolean;
    bodySeen: boolean;
  }
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  const isMain = (d: Draft): boolean => isMainKind(d.kind);

  /** Blocks that are the second line of a title broken inside its kind words (…项目支出绩效 / 单位自评报告). */
  const titleContinuations = new Set<number>();
  blocks.forEach((block, position) => {
    if (titleContinuations.has(position)) {
      current!.positions.push(position);
      return;
    }
    let text = block.kind === 'table' ? '' : blockText(block);
    let kind = block.kind === 'table' ? null : titleKind(text);
    const next = blocks[position + 1];
    if (kind === null && block.kind !== 'table' && isTitlePiece(text) && next !== undefined && next.kind !== 'table' && isTitlePiece(blockText(next)) && titleKind(blockText(next)) === null) {
      // A title broken over two lines inside its kind words: neither line names a kind, both together do.
      const both = titleKind(text + blockText(next));
      if (both !== null) {
        kind = both;
        text += blockText(next);
        titleContinuations.add(position + 1);
      }
    }
    if (kind) {
      const untitled = current === null || current.title === null;
      const form = formTitleKind(text) !== null;
      // A form's title starts a report only in a document of forms: inside a narrative report it is an 附件 of it.
      // A title of the same kind right after the current one (nothing but title lines between) is the same report's heading.
      const startsNew =
        untitled ||
        ((current!.bodySeen || kind !== current!.kind) &&
          (form ? current!.form : isMainKind(kind) ? !drafts.some(isMain) : normaliseText(text) !== normaliseText(current?.title ?? '')));
      if (startsNew) {
        // Title lines printed above (year, organisation) belong to the title.
        const pieces: number[] = [];
        for (let p = position - 1; p >= 0 && pieces.length < 3; p--) {
          const prev = blocks[p]!;
          if (prev.kind === 'table' || !isTitlePiece(blockText(prev)) || titleKind(blockText(prev))) break;
          pieces.unshift(p);
        }
        const titleText = [...pieces.map((p) => normaliseText(blockText(blocks[p]!))), normaliseText(text)].join('');
        if (current !== null && current.title === null) {
          // Everything before the first title belongs to the first report.
          current.kind = kind;
          current.title = titleText;
          current.titlePosition = pieces[0] ?? position;
          current.form = form;
          current.bodySeen = false;
        } else {
          if (current !== null) {
            const moved = new Set(pieces);
            current.positions = current.positions.filter((p) => !moved.has(p));
          }
          current = { kind, title: titleText, titlePosition: pieces[0] ?? position, positions: [...pieces], form, bodySeen: false };
          drafts.push(current);
        }
        current.positions.push(position);
        return;
      }
    }
    if (current === null) {
      current = { kind: UNTITLED_KIND, title: null, titlePosition: null, positions: [], form: false, bodySeen: false };
      drafts.push(current);
    }
    if (!isMain(current) && block.kind !== 'table' && PART_HEADING.test(normaliseText(text)) && !isTocEntry(text)) {
      const main = drafts.find(isMain);
      if (main) current = main;
    }
    current.positions.push(position);
    if (isBody(block)) current.bodySeen = true;
  });
  let inferred: InferredKind | null = null;
  if (drafts.length === 1 && drafts[0]!.title === null) {
    const kind = kindFromContent(blocks);
    inferred = kind === null ? inferKind(blocks) : null;
    if (kind === null && inferred === null) return [];
    drafts[0]!.kind = kind ?? inferred!.kind;
  }
  return drafts
    .filter((d) => d.title !== null || d.positions.length > 0)
    .map((d) => ({ kind: d.kind, title: d.title, positions: d.positions, titlePosition: d.titlePosition, form: d.form, ...(inferred ? { inferred } : {}) }));
}

/**
 * The kind of a document without a title line, from the words its headings,
 * captions and paragraphs repeat (a set of 部门预算 tables without a cover);
 * null when it does not read as any kind of report.
 */
/** The order kinds were counted in before the specs (budget, final accounts, self-evaluations): ties go to the first counted. */
const CONTENT_ORDER: readonly ReportKind[] = [...REPORT_KIND_ORDER].reverse();

export function kindFromContent(blocks: readonly Block[]): ReportKind | null {
  const counts = new Map<ReportKind, number>();
  const add = (kind: ReportKind): void => {
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  };
  for (const b of blocks) {
    const t = normaliseText(b.kind === 'table' ? (b.caption ?? '') : blockText(b));
    for (const kind of CONTENT_ORDER) {
      const spec = reportKindSpec(kind);
      const form = spec.formTitleCounts && formTitleKind(t) !== null;
      if (spec.contentWords.some((p) => matches(p, t, form))) add(kind);
    }
  }
  let best: ReportKind | null = null;
  // Each kind's minimum (a 绩效自评表 heading is distinctive on its own; budget words need repeating).
  const enough = (kind: ReportKind, n: number): boolean => n >= reportKindSpec(kind).contentMinimum;
  for (const [kind, n] of counts) if (enough(kind, n) && (best === null || n > counts.get(best)!)) best = kind;
  return best;
}

import { fileExtension, SCRIPT_EXTENSIONS } from './urls.ts';

/**
 * Which links are attachments. A URL with an attachment extension is one;
 * a URL with no extension, or a download script's (`downfile.jsp?fileid=…`,
 * `/download?id=…`), is a candidate when its text names a document or the
 * URL matches a download pattern, and the response decides (see
 * document-format.ts). Any other extension (`.html`) is a page.
 */
export interface AttachmentRules {
  readonly extensions: readonly string[];
  /** Case-insensitive regular expressions (sources) that mark a URL as a download script. */
  readonly downloadPatterns: readonly string[];
  /** Words in a link's text or title that name a document. */
  readonly documentWords: readonly string[];
}

/** Download endpoints of the common portal platforms (Hanweb downfile.jsp, TRS/政务公开 download?id=, …/attach?file=). */
export const DEFAULT_DOWNLOAD_PATTERNS: readonly string[] = ['down(load|file)', 'file_?down', 'get_?file', 'attach'];

/** The genre's document names: a link so titled is worth one request to see what it serves. */
export const DEFAULT_DOCUMENT_WORDS: readonly string[] = ['部门预算', '部门决算', '预算', '决算', '绩效自评', '自评报告', '自评表', '绩效评价', '附件'];

/** `candidate`: taken on the link's text or a download pattern, so only the response can say whether it is a document. */
export type LinkVerdict = { readonly take: true; readonly candidate: boolean; readonly why: string } | { readonly take: false; readonly why: string };

/** Whether a link (from an attachments selector) is fetched as a file, and why. */
export function classifyAttachmentLink(url: string, text: string, rules: AttachmentRules): LinkVerdict {
  const ext = fileExtension(url);
  if (ext !== null && rules.extensions.includes(ext)) return { take: true, candidate: false, why: `file extension .${ext}` };
  if (ext !== null && !SCRIPT_EXTENSIONS.has(ext)) return { take: false, why: `.${ext} is not an attachment extension (${rules.extensions.join(', ')})` };
  const named = documentNamedBy(text, rules);
  if (named) return { take: true, candidate: true, why: `candidate: link text names a document ("${named}")` };
  const pattern = matchingDownloadPattern(url, rules);
  if (pattern) return { take: true, candidate: true, why: `candidate: URL matches download pattern /${pattern}/` };
  const what = ext === null ? 'no file extension' : `a .${ext} script`;
  return { take: false, why: `${what}, link text names no document, URL matches no download pattern` };
}

/** A list entry goes straight to a file by extension or download pattern; its title always names a document, so it is not evidence. */
export function classifyEntryLink(url: string, rules: AttachmentRules): LinkVerdict | null {
  const ext = fileExtension(url);
  if (ext !== null && rules.extensions.includes(ext)) return { take: true, candidate: false, why: `file extension .${ext}` };
  if (ext !== null && !SCRIPT_EXTENSIONS.has(ext)) return null;
  const pattern = matchingDownloadPattern(url, rules);
  return pattern ? { take: true, candidate: true, why: `candidate: URL matches download pattern /${pattern}/` } : null;
}

function documentNamedBy(text: string, rules: AttachmentRules): string | null {
  const word = rules.documentWords.find((w) => text.includes(w));
  if (word) return word;
  const ext = new RegExp(`\\.(${rules.extensions.join('|')})(?![a-z0-9])`, 'i').exec(text);
  return ext ? ext[0] : null;
}

function matchingDownloadPattern(url: string, rules: AttachmentRules): string | null {
  let target: string;
  try {
    const u = new URL(url);
    target = `${u.pathname}${u.search}`;
  } catch {
    return null;
  }
  return rules.downloadPatterns.find((p) => new RegExp(p, 'i').test(target)) ?? null;
}

import { DOC_MODEL_VERSION, ExtractError, isExtractError, type DocumentMetadata, type DocumentModel, type ExtractLimits, type ExtractionWarning } from '@budget-ingest/doc-model';
import { readBlocks } from './body-reader.ts';
import { EMPTY_NUMBERING, NumberingCounter, readNumbering } from './numbering.ts';
import { readStyles } from './styles.ts';
import { toBlocks } from './to-blocks.ts';
import { attr, child, childElements, parseXml, textOf, type XmlElement } from './xml.ts';
import { readWithMammoth, type CheckedParts } from './mammoth-reader.ts';
import { readBodyProps } from './paragraph-properties.ts';

export { openZip, checkZipBombSafe } from './zip.ts';
export type { ZipArchive, ZipEntry, ZipLimits } from './zip.ts';
export { refuseDtd } from './xml.ts';
export { chineseCounting, formatNumber } from './numbering.ts';

export interface DocxExtractOptions {
  readonly limits: ExtractLimits;
}

/**
 * DOCX bytes → document model. The archive must first pass our ceilings
 * (entry count, declared and real uncompressed size; no DTD in any XML part);
 * mammoth then reads the body from those checked parts (mammoth-reader.ts).
 * Our own code adds what mammoth's tree lacks: Word's automatic numbering
 * text from numbering.xml, outline levels through the style chain, the
 * paragraph's own numPr/outlineLvl, w:gridBefore and w:hMerge
 * (paragraph-properties.ts), and the metadata. DOCX has no pages: every
 * block has `page: null`.
 */
export async function extractDocx(bytes: Uint8Array, opts: DocxExtractOptions): Promise<DocumentModel> {
  try {
    return await read(bytes, opts.limits);
  } catch (err) {
    if (isExtractError(err)) throw err;
    throw new ExtractError('corrupt', `not a readable DOCX: ${(err as Error).message}`, { cause: err });
  }
}

async function read(bytes: Uint8Array, limits: ExtractLimits): Promise<DocumentModel> {
  const { parts: zip, document, messages } = await readWithMammoth(bytes, limits);
  const mainPath = relationTarget(zip, '_rels/.rels', '', 'officeDocument') ?? 'word/document.xml';
  const mainXml = zip.readText(mainPath);
  if (mainXml === null) throw new ExtractError('corrupt', `a ZIP archive without ${mainPath}: not a Word document`);
  const dir = mainPath.includes('/') ? mainPath.slice(0, mainPath.lastIndexOf('/') + 1) : '';
  const relsPath = `${dir}_rels/${mainPath.slice(dir.length)}.rels`;
  const stylesPath = relationTarget(zip, relsPath, dir, 'styles') ?? `${dir}styles.xml`;
  const numberingPath = relationTarget(zip, relsPath, dir, 'numbering') ?? `${dir}numbering.xml`;

  const warnings: ExtractionWarning[] = unknownElements(messages);
  const stylesXml = zip.readText(stylesPath);
  const numberingXml = zip.readText(numberingPath);
  const styles = readStyles(stylesXml === null ? null : parseXml(stylesXml, stylesPath));
  const numbering = numberingXml === null ? EMPTY_NUMBERING : readNumbering(parseXml(numberingXml, numberingPath));
  const body = child(parseXml(mainXml, mainPath), 'w:body');
  if (!body) throw new ExtractError('corrupt', `${mainPath} has no w:body`);
  const props = readBodyProps(body);
  const raw = readBlocks(document, { styles, numbering: new NumberingCounter(numbering), props, warn: (w) => warnings.push(w) });
  const blocks = toBlocks(raw);
  if (blocks.length === 0) {
    // A scan saved as Word: pictures of the pages and no text. It needs OCR, which reads PDFs only for now.
    const pictures = (mainXml.match(/<w:(?:drawing|pict)\b/g) ?? []).length;
    if (pictures > 0) throw new ExtractError('no-text-layer', `the DOCX holds ${pictures} picture(s) and no text (a scan saved as Word): OCR reads scanned PDFs only; save it as PDF to have it read`);
    throw new ExtractError('empty', 'the DOCX holds no text');
  }
  return {
    modelVersion: DOC_MODEL_VERSION,
    format: 'docx',
    pageCount: null,
    pages: [],
    blocks,
    metadata: readMetadata(zip),
    warnings,
  };
}

/** Elements that carry no text of the document (or repeat it), which mammoth reports as unrecognised. */
const SILENTLY_SKIPPED = new Set(['w:permStart', 'w:permEnd', 'w:moveFromRangeStart', 'w:moveFromRangeEnd', 'w:altChunk', 'w:sdtPr', 'w:sdtEndPr', 'w:separator', 'w:continuationSeparator', 'w:rsid', 'w:ptab', 'w:dayShort', 'w:monthShort', 'w:yearShort', 'w:dayLong', 'w:monthLong', 'w:yearLong', 'w:pgNum', 'w:contentPart', 'w:oMath', 'w:oMathPara']);

/** mammoth's "unrecognised element" messages, once per element name, as our warnings (its text is not read). */
function unknownElements(messages: readonly string[]): ExtractionWarning[] {
  const names = new Set<string>();
  for (const m of messages) {
    const name = /^An unrecognised element was ignored: (\S+)$/.exec(m)?.[1];
    if (name && !SILENTLY_SKIPPED.has(name)) names.add(name);
  }
  return [...names].map((name) => ({ code: 'unknown-element', message: `the DOCX holds <${name}> elements, which are not read` }));
}

/** Target of the first relationship whose type ends with `/type`, resolved against `baseDir`. */
function relationTarget(zip: CheckedParts, relsPath: string, baseDir: string, type: string): string | null {
  const xml = zip.readText(relsPath);
  if (xml === null) return null;
  const rel = childElements(parseXml(xml, relsPath), 'Relationship').find((r) => (attr(r, 'Type') ?? '').endsWith(`/${type}`));
  const target = attr(rel, 'Target');
  if (!target || attr(rel, 'TargetMode') === 'External') return null;
  return resolvePath(target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`);
}

function resolvePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function readMetadata(zip: CheckedParts): DocumentMetadata {
  const core = zip.readText('docProps/core.xml');
  const app = zip.readText('docProps/app.xml');
  const field = (root: XmlElement | null, name: string): string | null => {
    const el = root ? childElements(root).find((c) => c.name === name || c.name.endsWith(`:${name}`)) : undefined;
    const text = el ? textOf(el).trim() : '';
    return text === '' ? null : text;
  };
  const safe = (xml: string | null, part: string): XmlElement | null => {
    try {
      return xml === null ? null : parseXml(xml, part);
    } catch {
      return null;
    }
  };
  const coreRoot = safe(core, 'docProps/core.xml');
  const appRoot = safe(app, 'docProps/app.xml');
  return { title: field(coreRoot, 'title'), author: field(coreRoot, 'creator'), producer: field(appRoot, 'Application'), createdAt: field(coreRoot, 'created') };
}

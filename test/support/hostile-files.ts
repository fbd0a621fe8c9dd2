import { createDeflate, deflateSync } from 'node:zlib';
import { buildDocx, writeZip } from '@budget-ingest/docx-extract/testing';
import { sheetXlsx } from '@budget-ingest/sheet-extract/testing';

/**
 * Hostile inputs built in the test, small on disk: PDFs written byte by byte
 * (objects, a Flate stream from node:zlib, a correct xref), an XLSX with a
 * huge sheet, a ZIP64 archive with a huge entry count.
 */

/** A one-page PDF: `content` is the page's content stream (deflated when `flate`), `extra` more objects from 5 on. */
export function buildPdf(opts: { content: string | Buffer; flate?: boolean; flateEncoded?: boolean; title?: string; extraObjects?: readonly string[]; pageResources?: string } = { content: '' }): Buffer {
  const raw = typeof opts.content === 'string' ? Buffer.from(opts.content, 'latin1') : opts.content;
  const data = opts.flate ? deflateSync(raw) : raw;
  const filter = opts.flate || opts.flateEncoded ? ' /Filter /FlateDecode' : '';
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> ${opts.pageResources ?? ''} >> >>`),
    Buffer.concat([Buffer.from(`<< /Length ${data.length}${filter} >>\nstream\n`), data, Buffer.from('\nendstream')]),
    ...(opts.extraObjects ?? []).map((o) => Buffer.from(o, 'latin1')),
  ];
  const info = opts.title === undefined ? null : objects.push(Buffer.from(`<< /Title (${opts.title}) >>`, 'latin1'));
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(at);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(obj);
    at += obj.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${info ? ` /Info ${info} 0 R` : ''} >>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(Buffer.from(xref + trailer, 'latin1'));
  return Buffer.concat(parts);
}

/** A readable one-page PDF saying `text` (Latin-1). */
export function textPdf(text: string, title?: string): Buffer {
  return buildPdf({ content: `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`, ...(title === undefined ? {} : { title }) });
}

/** A Flate stream of `head` then `chunk` repeated `times`, deflated piecewise (never held inflated in memory). */
export async function deflateRepeated(head: string, chunk: Buffer, times: number): Promise<Buffer> {
  const z = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (d: Buffer) => out.push(d));
  const done = new Promise<void>((resolve, reject) => z.on('end', resolve).on('error', reject));
  z.write(head);
  for (let i = 0; i < times; i++) if (!z.write(chunk)) await new Promise((r) => z.once('drain', r));
  z.end();
  await done;
  return Buffer.concat(out);
}

/** A PDF whose page stream inflates to `mib` MiB of blanks (1 GiB is about 1 MB on disk). */
export async function zerosBombPdf(mib: number): Promise<Buffer> {
  const data = await deflateRepeated('BT /F1 12 Tf 72 720 Td (zeros) Tj ET\n', Buffer.alloc(1024 * 1024, 0x20), mib);
  return buildPdf({ content: data, flateEncoded: true });
}

/** A PDF whose page draws `mib` MiB of tiny path segments (an operator bomb: a small file, millions of operators). */
export async function operatorBombPdf(mib: number): Promise<Buffer> {
  const data = await deflateRepeated('BT /F1 12 Tf 72 720 Td (paths) Tj ET\n', Buffer.alloc(1024 * 1024, '0 0 m 1 1 l\n'), mib);
  return buildPdf({ content: data, flateEncoded: true });
}

/** An XLSX whose one sheet has `rows` × `cols` numeric cells, written without a spreadsheet library. */
export function bigSheetXlsx(rows: number, cols: number): Uint8Array {
  const letters = (c: number) => String.fromCharCode(64 + c);
  const body: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 1; c <= cols; c++) row += `<c r="${letters(c)}${r}"><v>${r * 10 + c}</v></c>`;
    body.push(row + '</row>');
  }
  return sheetXlsx(body.join(''));
}

/**
 * A sheet of `cells` cells (one column) that all show shared string 0, which
 * is `stringBytes` characters long: small on disk (the string is stored once
 * and deflates to almost nothing), `cells × stringBytes` of text once
 * expanded (60 000 × 1 MB: 60 GB).
 */
export function sharedStringBombXlsx(cells: number, stringBytes: number): Uint8Array {
  let data = '';
  for (let r = 1; r <= cells; r++) data += `<row r="${r}"><c r="A${r}" t="s"><v>0</v></c></row>`;
  return sheetXlsx(data, { sharedStrings: `<si><t>${'x'.repeat(stringBytes)}</t></si>` });
}

/**
 * A 1 KB DOCX whose table cell claims `w:gridSpan` columns (2 147 483 647:
 * the largest 32-bit span) in a table whose grid has two: a reader that
 * believes the span builds a row of two billion positions.
 */
export function gridSpanBombDocx(span = 2_147_483_647): Uint8Array {
  const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
  const tc = (t: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${p(t)}</w:tc>`;
  return buildDocx(
    `${p('部门收支总表')}<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>` +
      `<w:tr>${tc('项目', `<w:gridSpan w:val="${span}"/>`)}</w:tr>` +
      `<w:tr>${tc('收入', `<w:vMerge w:val="restart"/>`)}${tc('100')}</w:tr>` +
      `<w:tr>${tc('', '<w:vMerge/>')}${tc('200', `<w:gridSpan w:val="${span}"/>`)}</w:tr></w:tbl>`,
  );
}

/**
 * A ZIP64 archive with `count` empty stored entries: each a local header and a
 * central record, then the ZIP64 end records, and a classic end record whose
 * count says 0xFFFF ("see ZIP64").
 */
export function zip64ManyEntries(count: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const name = Buffer.from(`f${i}`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name);
    centrals.push(central, name);
    offset += 30 + name.length;
  }
  const cd = Buffer.concat(centrals);
  const z64 = Buffer.alloc(56);
  z64.writeUInt32LE(0x06064b50, 0);
  z64.writeBigUInt64LE(44n, 4);
  z64.writeUInt16LE(45, 12);
  z64.writeUInt16LE(45, 14);
  z64.writeBigUInt64LE(BigInt(count), 24);
  z64.writeBigUInt64LE(BigInt(count), 32);
  z64.writeBigUInt64LE(BigInt(cd.length), 40);
  z64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
  locator.writeUInt32LE(1, 16);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(0xffff, 8);
  eocd.writeUInt16LE(0xffff, 10);
  eocd.writeUInt32LE(0xffffffff, 12);
  eocd.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([...locals, cd, z64, locator, eocd]);
}

export interface Expected {
  readonly status: string;
  readonly code: string | null;
}

/**
 * A folder of good corpus files mixed with every hostile kind: text a
 * database cannot hold, decompression and operator bombs, a sheet over the
 * cell ceiling, a ZIP64 archive of 100 000 entries, names with glob
 * characters and a newline, a symlink loop; a DOCX claiming a two-billion
 * column span, a 300 000-cell sheet, a shared-string bomb, a merge over a
 * whole sheet; a FIFO and a link to /dev/zero (skipped: no row, so not in
 * the map); with `linkUrl` and LibreOffice, a .doc whose picture is linked to
 * that URL. Returns what each file (by name in the folder) must end as.
 */
export async function makeHostileFolder(dir: string, corpus: string, opts: { linkUrl?: string; soffice?: string | null } = {}): Promise<Map<string, Expected>> {
  const { copyFileSync, mkdirSync, symlinkSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const expected = new Map<string, Expected>();
  const put = (name: string, bytes: Uint8Array | null, e: Expected, from?: string) => {
    if (from) copyFileSync(join(corpus, from), join(dir, name));
    else writeFileSync(join(dir, name), bytes!);
    expected.set(name, e);
  };
  const parsed = { status: 'parsed', code: null };
  put('renhua-2021-perf.pdf', null, parsed, 'renhua-2021-perf.pdf');
  put('部门预算(公开版).docx', null, parsed, 'lusong-2023-perf.docx');
  put('file (1).xlsx', null, parsed, 'lusong-2023-table.xlsx');
  put('line\nbreak [1].pdf', null, { status: 'failed', code: 'corrupt' }, 'renhua-2021-perf-broken.pdf');
  put('nul-text.pdf', textPdf('Budget\\000 2024', 'Title\\000with NUL'), { status: 'parsed', code: null });
  put('zeros-1gib.pdf', await zerosBombPdf(1024), { status: 'failed', code: 'decompression-bomb' });
  put('paths-48mib.pdf', await operatorBombPdf(48), { status: 'failed', code: 'too-large' });
  put('rows-250k.xlsx', bigSheetXlsx(250_000, 2), { status: 'failed', code: 'too-large' });
  put('entries-100k.docx', zip64ManyEntries(100_000), { status: 'failed', code: 'zip-bomb' });
  put('gridspan-2147483647.docx', gridSpanBombDocx(), parsed);
  // 150 001 rows: other bytes than the 150 000-row sheet other tests ingest into the same database.
  put('cells-300k.xlsx', bigSheetXlsx(150_001, 2), parsed);
  put('shared-string-1mb-60k.xlsx', sharedStringBombXlsx(60_000, 1_000_000), { status: 'failed', code: 'too-large' });
  put('merge-whole-sheet.xlsx', sheetXlsx('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>', { mergeCells: '<mergeCell ref="A1:XFD1048576"/>' }), { status: 'failed', code: 'too-large' });
  if (opts.linkUrl && opts.soffice) put('linked-picture.doc', await toLegacyDoc(linkedPictureDocx(opts.linkUrl), opts.soffice), parsed);
  const { spawnSync } = await import('node:child_process');
  if (spawnSync('mkfifo', [join(dir, 'pipe.pdf')]).status !== 0) throw new Error('mkfifo failed');
  symlinkSync('/dev/zero', join(dir, 'zero.pdf'));
  mkdirSync(join(dir, 'sub'));
  symlinkSync('..', join(dir, 'sub', 'up'));
  return expected;
}

/**
 * A DOCX whose one picture is not embedded but linked by URL (r:link, an
 * external relationship), between two lines of text: converted to .doc by
 * LibreOffice it becomes Word's INCLUDEPICTURE field, which LibreOffice
 * fetches (OPTIONS, HEAD, GET) when it opens the .doc.
 */
export function linkedPictureDocx(url: string): Uint8Array {
  const ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';
  const drawing = `<w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="p"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="p"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:link="rIdImg"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>`;
  const body = `<w:p><w:r><w:t>部门预算说明</w:t></w:r></w:p><w:p><w:r>${drawing}</w:r></w:p><w:p><w:r><w:t>收入合计100万元</w:t></w:r></w:p>`;
  return writeZip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' },
    { name: '_rels/.rels', data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
    { name: 'word/_rels/document.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${url}" TargetMode="External"/></Relationships>` },
    { name: 'word/document.xml', data: `<?xml version="1.0" encoding="UTF-8"?><w:document ${ns}><w:body>${body}</w:body></w:document>` },
  ]);
}

/**
 * The Word 97 .doc LibreOffice writes for `docx` (run with no network, so
 * making the fixture fetches nothing). Needs LibreOffice Writer and bwrap.
 */
export async function toLegacyDoc(docx: Uint8Array, soffice: string): Promise<Uint8Array> {
  const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'bi-legacy-doc-'));
  try {
    writeFileSync(join(dir, 'in.docx'), docx);
    const run = spawnSync('bwrap', ['--dev-bind', '/', '/', '--unshare-net', '--die-with-parent', '--', soffice, `-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'doc:MS Word 97', '--outdir', join(dir, 'out'), join(dir, 'in.docx')], { encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) throw new Error(`LibreOffice could not write the .doc: ${run.stderr}`);
    return new Uint8Array(readFileSync(join(dir, 'out', 'in.doc')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractErrorOf } from '@budget-ingest/doc-model/testing';
import { DEFAULT_EXTRACT_LIMITS, toTextGrid, type TableBlock } from '@budget-ingest/doc-model';
import { buildDocx } from '@budget-ingest/docx-extract/testing';
import { extractDocument } from './extract-document.ts';
import { converterIsolation, findSoffice, missingComponent } from './soffice.ts';

const fixture = (dir: string, name: string) => readFile(new URL(`../../../test/fixtures/corpus/${dir}/${name}`, import.meta.url)).then((b) => new Uint8Array(b));
const PATH = process.env.PATH ?? '';
const soffice = findSoffice(process.env.SOFFICE_PATH ?? null, PATH);
const inCi = process.env.CI === 'true';
const needsSoffice = soffice === null ? ' (SKIPPED: LibreOffice `soffice` not installed)' : '';

describe('extractDocument limits', () => {
  it('refuses a file over MAX_FILE_BYTES before reading it, naming the ceiling', async () => {
    const big = buildDocx(`<w:p><w:r><w:t>${'预算'.repeat(50_000)}</w:t></w:r></w:p>`);
    const start = performance.now();
    const err = await extractErrorOf(extractDocument(big, { fileName: 'big.docx', limits: { ...DEFAULT_EXTRACT_LIMITS, maxFileBytes: 1024 } }));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/MAX_FILE_BYTES/);
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('routes a DOCX zip bomb to a zip-bomb error', async () => {
    const err = await extractErrorOf(extractDocument(buildDocx('<w:p><w:r><w:t>x</w:t></w:r></w:p>'), { fileName: 'a.docx', limits: { ...DEFAULT_EXTRACT_LIMITS, maxUncompressedBytes: 100 } }));
    expect(err.code).toBe('zip-bomb');
  });
});

// Conversions run side by side (each LibreOffice gets its own profile), which is also what parallel workers do.
describe.concurrent('extractDocument on legacy formats', () => {
  it('says what to install when a .doc arrives and LibreOffice is missing', async () => {
    const err = await extractErrorOf(extractDocument(await fixture('docs', 'wanyuan-2022-final-accounts.doc'), { fileName: 'a.doc', pathEnv: '', sofficePath: null }));
    expect(err.code).toBe('converter-missing');
    expect(err.status).toBe('unsupported');
    expect(err.message).toMatch(/libreoffice-writer-nogui/);
  });

  if (soffice === null && inCi) {
    it('has LibreOffice installed, as CI=true requires', () => {
      throw new Error('CI=true but soffice is not on PATH: install libreoffice-writer-nogui and libreoffice-calc-nogui');
    });
  }

  it.skipIf(soffice === null)(`converts a Word 97 .doc and reads it like its DOCX${needsSoffice}`, async () => {
    const { sniffed, model } = await extractDocument(await fixture('docs', 'wanyuan-2022-final-accounts.doc'), { fileName: 'a.doc', pathEnv: PATH });
    expect(sniffed.format).toBe('doc');
    expect(model.format).toBe('doc');
    expect(model.warnings.map((w) => w.code)).toContain('converted-from-legacy-format');
    const table = model.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(toTextGrid(table)[7]!.slice(1, 6)).toEqual(['完成指标', '数量指标', '定点医院、定点诊所及药店监管', '237所', '240所']);
  });

  it.skipIf(soffice === null)(`extracts the out-of-scope city budget report as .doc and .docx without error${needsSoffice}`, async () => {
    const doc = await extractDocument(await fixture('real', 'outofscope-shenzhen-2021-city-budget-report.doc'), { fileName: 'a.doc', pathEnv: PATH });
    const docx = await extractDocument(await fixture('real', 'outofscope-shenzhen-2022-city-budget-report.docx'), { fileName: 'a.docx', pathEnv: PATH });
    expect(doc.model.blocks.length).toBeGreaterThan(50);
    expect(docx.model.blocks.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? b.numbering : null))).toContain('一、');
  });

  it.skipIf(soffice === null)(`converts a blank .xls budget template into tables, one per sheet${needsSoffice}`, async () => {
    const { sniffed, model } = await extractDocument(await fixture('real', 'template-shanghai-putuo-2026-unit-budget.xls'), { fileName: 't.xls', pathEnv: PATH });
    expect(sniffed.format).toBe('xls');
    expect(model.format).toBe('xls');
    const tables = model.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(tables.length).toBeGreaterThan(5);
    expect(tables.every((t) => typeof t.sheet === 'string')).toBe(true);
  });
});

describe('LibreOffice without the network, and with the component each format needs', () => {
  it.skipIf(soffice === null)(`converts a .doc whose picture is linked by URL without any request reaching the URL${needsSoffice}`, async () => {
    const { linkedPictureDocx, toLegacyDoc } = await import('../../../test/support/hostile-files.ts');
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/logo.png`;
      const doc = await toLegacyDoc(linkedPictureDocx(url), soffice!);
      expect(Buffer.from(doc).toString('utf16le')).toContain(url);
      expect(converterIsolation(PATH).kind).not.toBe('none');
      const { sniffed, model } = await extractDocument(doc, { fileName: 'linked.doc', pathEnv: PATH });
      expect(sniffed.format).toBe('doc');
      expect(model.blocks.map((b) => (b.kind === 'table' ? '' : b.text))).toEqual(['部门预算说明', '收入合计100万元']);
      expect(model.warnings.map((w) => w.code)).not.toContain('converter-not-isolated');
      await new Promise((r) => setTimeout(r, 500));
      expect(requests).toEqual([]);
    } finally {
      server.close();
    }
  }, 180_000);

  it.skipIf(soffice === null)(`says so on the document when no isolation can run (converter-not-isolated)${needsSoffice}`, async () => {
    // No bwrap or unshare on an empty PATH; LibreOffice named by its path.
    const { model } = await extractDocument(await fixture('docs', 'wanyuan-2022-final-accounts.doc'), { fileName: 'a.doc', pathEnv: '', sofficePath: soffice });
    expect(model.warnings.find((w) => w.code === 'converter-not-isolated')?.message).toMatch(/network access.*bubblewrap/);
  }, 180_000);

  it('fails a valid .xls as converter-missing (unsupported) when LibreOffice has Writer but no Calc', async () => {
    // A LibreOffice program folder as Debian's libreoffice-writer-nogui alone leaves it: soffice.bin and Writer's library.
    const dir = await mkdtemp(join(tmpdir(), 'bi-writer-only-'));
    try {
      const program = join(dir, 'lib/libreoffice/program');
      await mkdir(program, { recursive: true });
      await writeFile(join(program, 'soffice.bin'), '');
      await writeFile(join(program, 'libswlo.so'), '');
      await writeFile(join(program, 'soffice'), '#!/bin/sh\nexit 0\n');
      await chmod(join(program, 'soffice'), 0o755);
      await mkdir(join(dir, 'bin'));
      await symlink(join(program, 'soffice'), join(dir, 'bin/soffice'));
      const err = await extractErrorOf(extractDocument(await fixture('real', 'template-shanghai-putuo-2026-unit-budget.xls'), { fileName: 't.xls', pathEnv: join(dir, 'bin') }));
      expect({ code: err.code, status: err.status }).toEqual({ code: 'converter-missing', status: 'unsupported' });
      expect(err.message).toMatch(/need LibreOffice Calc.*libreoffice-calc-nogui/);
      expect(missingComponent(join(dir, 'bin/soffice'), 'writer')).toBeNull();
      if (soffice) expect([missingComponent(soffice, 'writer'), missingComponent(soffice, 'calc')]).toEqual([null, null]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});


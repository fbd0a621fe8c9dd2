import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipMembers } from '../../../test/fixtures/portal/zip-writer.ts';
import { ArchiveRefused, DEFAULT_ARCHIVE_LIMITS, openArchive } from './archive-members.ts';

describe('openArchive', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archive-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const write = async (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  };

  it('decodes member names: the UTF-8 flag, valid UTF-8 without it, else GB18030', async () => {
    const path = await write(
      'names.zip',
      zipMembers([
        { name: iconv.encode('财政局/部门预算.pdf', 'gbk'), utf8Flag: false, data: Buffer.from('%PDF-1.4 a') },
        { name: Buffer.from('财政局/部门决算.pdf'), utf8Flag: true, data: Buffer.from('%PDF-1.4 b') },
        { name: Buffer.from('绩效自评.pdf'), utf8Flag: false, data: Buffer.from('%PDF-1.4 c') },
      ]),
    );
    const a = await openArchive(path, DEFAULT_ARCHIVE_LIMITS);
    try {
      expect(a.entries.map((e) => e.name)).toEqual(['财政局/部门预算.pdf', '财政局/部门决算.pdf', '绩效自评.pdf']);
      const m = await a.extract(a.entries[0]!, dir);
      expect(m.byteSize).toBe(10);
      await rm(m.path);
    } finally {
      a.close();
    }
  });

  it.each([
    ['too many members', { maxMembers: 2 }, /^3 members, over the limit of 2$/],
    ['a member over the size limit', { maxMemberBytes: 5 }, /^a\.pdf expands to \d+ bytes, over the limit of 5$/],
    ['members over the total limit', { maxTotalBytes: 15 }, /^the members expand to more than 15 bytes$/],
  ])('refuses an archive with %s before expanding anything', async (_what, limits, message) => {
    const path = await write(
      `limits-${Object.keys(limits)[0]}.zip`,
      zipMembers(['a', 'b', 'c'].map((n) => ({ name: Buffer.from(`${n}.pdf`), utf8Flag: true, data: Buffer.from(`%PDF-1.4 ${n}`) }))),
    );
    const err = await openArchive(path, { ...DEFAULT_ARCHIVE_LIMITS, ...limits }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveRefused);
    expect((err as ArchiveRefused).code).toBe('zip-bomb');
    expect((err as Error).message).toMatch(message);
  });

  it('refuses a member that expands far more than documents do', async () => {
    const path = await write('ratio.zip', zipMembers([{ name: Buffer.from('big.pdf'), utf8Flag: true, data: Buffer.alloc(4 * 1024 * 1024) }]));
    await expect(openArchive(path, DEFAULT_ARCHIVE_LIMITS)).rejects.toThrow(/^big\.pdf expands \d+× \(over 100×\)$/);
  });

  it('calls a file that is no zip corrupt', async () => {
    const path = await write('broken.zip', Buffer.from('PK\x03\x04 not really'));
    await expect(openArchive(path, DEFAULT_ARCHIVE_LIMITS)).rejects.toMatchObject({ code: 'corrupt' });
  });
});

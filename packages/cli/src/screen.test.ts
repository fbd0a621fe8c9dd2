import { describe, expect, it } from 'vitest';
import { createScreen, fitWidth } from './screen.ts';
import { toTerminalText } from './terminal-text.ts';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 40, write: (s: string) => chunks.push(s) };
}

describe('the screen the CLI prints through', () => {
  it('clears the bar before a line and draws it again after, on stdout or stderr', () => {
    const out = stream(true);
    const err = stream(true);
    const screen = createScreen(out, err);
    screen.bar('██░░ 1/2 documents');
    screen.out('[1/2] ✓ a.pdf');
    screen.err('WARN: something');
    screen.bar(null);
    expect(out.chunks.join('')).toBe('██░░ 1/2 documents\r\x1b[2K[1/2] ✓ a.pdf\n██░░ 1/2 documents\r\x1b[2K██░░ 1/2 documents\r\x1b[2K');
    expect(err.chunks).toEqual(['WARN: something\n']);
  });

  it('draws no bar and changes no line when stdout is not a terminal', () => {
    const out = stream(false);
    const screen = createScreen(out, stream(false));
    screen.bar('bar');
    screen.out('a\x1b[2Jb');
    expect(out.chunks).toEqual(['a\x1b[2Jb\n']);
  });

  it('never prints a document\'s escape codes to a terminal', () => {
    const out = stream(true);
    createScreen(out, stream(true)).out('Budget \x1b[2J\x1b]0;pwned\x07total\x1b[31m 5\x00\x9b');
    expect(out.chunks).toEqual(['Budget total 5\n']);
  });

  it('keeps our own log colours on stderr, and strips what else a line carries', () => {
    const err = stream(true);
    createScreen(stream(true), err).err('\x1b[33mWARN\x1b[39m: bad \x1b[2J name\x1b]0;t\x07');
    expect(err.chunks).toEqual(['\x1b[33mWARN\x1b[39m: bad  name\n']);
  });

  it('cuts the bar to the terminal width, CJK characters counting two columns', () => {
    expect(fitWidth('预算预算预算', 7)).toBe('预算预…');
    expect(fitWidth('short', 40)).toBe('short');
  });
});

describe('toTerminalText', () => {
  it.each([
    ['\x1b[2J\x1b[H', ''],
    ['title \x1b]0;evil\x07ok', 'title ok'],
    ['link \x1b]8;;http://x\x1b\\here\x1b]8;;\x1b\\', 'link here'],
    ['bell\x07 and backspace\x08', 'bell and backspace'],
    ['C1 \u009b31m csi', 'C1 31m csi'],
    ['a lone escape at the end\x1b', 'a lone escape at the end'],
    ['keeps\ttabs\nand lines, 中文 and ✓', 'keeps\ttabs\nand lines, 中文 and ✓'],
  ])('%j → %j', (input, want) => {
    expect(toTerminalText(input)).toBe(want);
  });
});

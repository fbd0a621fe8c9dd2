import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { toSegments } from './pdfjs-adapter.ts';

// DrawOPS codes inside a pdfjs 5 constructPath buffer.
const MOVE = 0;
const LINE = 1;
const CLOSE = 4;
const flip: [number, number, number, number, number, number] = [1, 0, 0, -1, 0, 800];

describe('the pdfjs-dist pin', () => {
  it('is the version whose constructPath format toSegments reads', () => {
    const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe('5.5.207');
  });
});

describe('toSegments', () => {
  it('reads stroked lines from a pdfjs 5 constructPath buffer in display space', () => {
    const opList = {
      fnArray: [OPS.constructPath],
      argsArray: [[OPS.stroke, [new Float32Array([MOVE, 10, 700, LINE, 210, 700, MOVE, 10, 700, LINE, 10, 600])], [10, 600, 210, 700]]],
    };
    expect(toSegments({ OPS }, opList, flip)).toEqual([
      { x0: 10, x1: 210, y0: 100, y1: 100 },
      { x0: 10, x1: 10, y0: 100, y1: 200 },
    ]);
  });

  it('reads a thin filled rectangle as a line and ignores white fills and big boxes', () => {
    const rect = (x: number, y: number, w: number, h: number) => new Float32Array([MOVE, x, y, LINE, x + w, y, LINE, x + w, y + h, LINE, x, y + h, CLOSE]);
    const opList = {
      fnArray: [OPS.constructPath, OPS.constructPath, OPS.setFillRGBColor, OPS.constructPath],
      argsArray: [
        [OPS.fill, [rect(10, 700, 200, 0.5)], null],
        [OPS.fill, [rect(10, 500, 200, 100)], null],
        ['#ffffff'],
        [OPS.fill, [rect(10, 400, 200, 0.5)], null],
      ],
    };
    const segs = toSegments({ OPS }, opList, flip);
    expect(segs).toHaveLength(1);
    expect(segs[0]!.x0).toBe(10);
    expect(segs[0]!.x1).toBe(210);
    expect(segs[0]!.y0).toBeCloseTo(99.75);
  });

  it('applies the transforms of save/transform/restore and of form XObjects', () => {
    const line = [OPS.stroke, [new Float32Array([MOVE, 0, 0, LINE, 100, 0])], [0, 0, 100, 0]];
    const opList = {
      fnArray: [OPS.save, OPS.transform, OPS.constructPath, OPS.restore, OPS.paintFormXObjectBegin, OPS.constructPath, OPS.paintFormXObjectEnd, OPS.constructPath],
      argsArray: [null, [1, 0, 0, 1, 50, 50], line, null, [[2, 0, 0, 2, 0, 0], null], line, null, line],
    };
    expect(toSegments({ OPS }, opList, [1, 0, 0, 1, 0, 0])).toEqual([
      { x0: 50, x1: 150, y0: 50, y1: 50 },
      { x0: 0, x1: 200, y0: 0, y1: 0 },
      { x0: 0, x1: 100, y0: 0, y1: 0 },
    ]);
  });
});

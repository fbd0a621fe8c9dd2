import { describe, expect, it } from 'vitest';
import { parseTesseractTsv } from './tesseract-tsv.ts';

const TSV = [
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
  '1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t',
  '4\t1\t3\t1\t1\t0\t395\t286\t865\t64\t-1\t',
  '5\t1\t3\t1\t1\t1\t395\t294\t100\t35\t91.276039\t2023',
  '5\t1\t3\t1\t1\t2\t523\t290\t26\t42\t93.117714\t年',
  '5\t1\t3\t1\t1\t3\t571\t290\t23\t42\t95\t ',
  '4\t2\t1\t1\t1\t0\t10\t12\t50\t30\t-1\t',
  '5\t2\t1\t1\t1\t1\t10\t12\t50\t30\t88\t95%',
].join('\n');

describe('parseTesseractTsv', () => {
  it('reads words with confidences 0–1, the box of their line, and the image they are on; blank words are dropped', () => {
    expect(parseTesseractTsv(TSV)).toEqual([
      { text: '2023', left: 395, top: 294, width: 100, height: 35, confidence: 0.913, lineTop: 286, lineHeight: 64, image: 1 },
      { text: '年', left: 523, top: 290, width: 26, height: 42, confidence: 0.931, lineTop: 286, lineHeight: 64, image: 1 },
      { text: '95%', left: 10, top: 12, width: 50, height: 30, confidence: 0.88, lineTop: 12, lineHeight: 30, image: 2 },
    ]);
  });
});

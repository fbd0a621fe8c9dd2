/**
 * The scanned forms the OCR tests read: corpus forms (the text PDFs' pages)
 * scanned by make-scan.ts at 150 and 300 dpi, turned 1–2°, with speckle and a
 * red seal stamped over the cells of the indicator table. `expected` is what
 * the text PDF's own page gives (scanned-forms.expected.json, written by
 * make-expected.ts and reviewed); `floor` the share of indicator values the
 * scan must read right (measured with Tesseract 5.3.0, Debian bookworm).
 */
import type { ScanRecipe } from './make-scan.ts';

export interface ScannedForm {
  readonly name: string;
  readonly source: string;
  readonly page: number;
  readonly recipe: ScanRecipe;
  /** Share of the expected indicator values (target, actual, weight, score) read right, at least. */
  readonly floor: number;
}

const suixi = { source: 'anhui-suixi-minzhengju-2019-project-perf.pdf', page: 1 };
const lusong = { source: 'lusong-2023-perf.pdf', page: 10 };
const seal = (x: number, y: number) => ({ x, y, r: 55 });

export const SCANNED_FORMS: readonly ScannedForm[] = [
  { name: 'suixi-300', ...suixi, recipe: { dpi: 300, rotate: 1.2, noise: 0.002, stamp: seal(430, 520), seed: 7 }, floor: 1 },
  { name: 'suixi-150', ...suixi, recipe: { dpi: 150, rotate: -1.8, noise: 0.002, stamp: seal(430, 520), seed: 11 }, floor: 0.85 },
  { name: 'lusong-300', ...lusong, recipe: { dpi: 300, rotate: -1, noise: 0.002, stamp: seal(420, 560), seed: 7 }, floor: 0.95 },
  { name: 'lusong-150', ...lusong, recipe: { dpi: 150, rotate: 1.5, noise: 0.002, stamp: seal(420, 560), seed: 7 }, floor: 0.5 },
];

/** An indicator as the tests compare it: the values of the row (the names' ★ and the like are OCR's weakest reading). */
export interface ExpectedIndicator {
  readonly level1: string | null;
  readonly level2: string | null;
  readonly target: string | null;
  readonly actual: string | null;
  readonly weight: string | null;
  readonly score: string | null;
}

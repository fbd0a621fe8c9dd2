/**
 * Characters OCR takes for one another in this genre's figures (printed
 * Song/Fangsong digits, scanned at 150–300 dpi, read by Tesseract's chi_sim
 * and eng models): each pair is tried both ways against the document's sum
 * rules (ocr-sum-correction.ts). 。 and ， are read into "." and "," by the
 * text normalisation before they reach a figure, so they meet here as the
 * "." / "," pair.
 */
export const OCR_CONFUSIONS: readonly (readonly [string, string])[] = [
  ['1', '7'],
  ['0', '8'],
  ['0', '6'],
  ['6', '8'],
  ['5', '6'],
  ['3', '8'],
  ['.', ','],
];

/**
 * Punctuation of the genre's running text, as data (on normalised text:
 * full-width ， ： ； folded to , : ;, the 。 kept): where a clause ends, what
 * a name cannot hold, and the brackets of a document number. One list per
 * concept for every reader.
 */

/** Where a sentence ends (the figures of a sentence are read together). */
export const SENTENCE_END = '。';

/** Where a clause ends: the words before a figure back to one of these are its clause. */
export const CLAUSE_SPLIT = /[,。;]/;

/** Punctuation a unit's name never holds (a line with one is a sentence, not a name). */
export const NOT_IN_A_NAME = /[,。;:]/;

/** A document number's brackets as printed ([ ] ( ) folded by NFKC) and as the contract writes them (〔 〕). */
export const DOC_NUMBER_BRACKETS: readonly (readonly [RegExp, string])[] = [
  [/\[/g, '〔'],
  [/\]/g, '〕'],
  [/[(]/, '〔'],
  [/[)]/, '〕'],
];

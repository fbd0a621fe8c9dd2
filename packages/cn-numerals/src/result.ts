/** Why a parse function gave up. Tests assert on these codes. */
export type ParseFailureReason =
  /** Nothing but white space. */
  | 'empty'
  /** The text holds no number this parser reads. */
  | 'not_a_number'
  /** Numeral characters in an impossible order (`十百`, `五五十`). */
  | 'malformed'
  /** More than one expression, or words around the number that change its meaning. */
  | 'ambiguous'
  /** A value, but of another kind (a full date given to `parseFiscalYear`). */
  | 'wrong_kind'
  /** A date or year that does not exist (`2023-02-30`). */
  | 'out_of_range';

export interface ParseFailure {
  readonly ok: false;
  readonly reason: ParseFailureReason;
  readonly message: string;
  readonly input: string;
}

export interface ParseSuccess<T> {
  readonly ok: true;
  readonly value: T;
}

/** What every `parse*` function returns: a value, or a typed failure. Parse functions never throw on bad input. */
export type ParseResult<T> = ParseSuccess<T> | ParseFailure;

export function success<T>(value: T): ParseSuccess<T> {
  return { ok: true, value };
}

export function failure(reason: ParseFailureReason, input: string, message: string): ParseFailure {
  return { ok: false, reason, message, input };
}

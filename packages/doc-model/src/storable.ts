import type { DocumentModel } from './model.ts';

/**
 * Postgres `text` and `jsonb` cannot hold U+0000, and a lone UTF-16 surrogate
 * is not a character at all: both turn up in text layers (web pages printed
 * to PDF, some PDF producers' metadata) and would make the whole document's
 * insert fail. Every string of the model is cleaned here, at the model's
 * boundary: NUL removed, lone surrogates replaced by U+FFFD, with one
 * `text-sanitized` warning saying how many characters changed.
 */
export function toStorableModel(model: DocumentModel): DocumentModel {
  let changed = 0;
  const clean = (s: string): string => {
    if (!UNSTORABLE.test(s)) return s;
    const out = s.replace(UNSTORABLE_ALL, (ch) => {
      changed++;
      return ch === '\u0000' ? '' : '\uFFFD';
    });
    return out;
  };
  const cleaned = mapStrings(model, clean) as DocumentModel;
  if (changed === 0) return model;
  return {
    ...cleaned,
    warnings: [...cleaned.warnings, { code: 'text-sanitized', message: `${changed} character(s) a database cannot store (U+0000, lone surrogates) were removed or replaced by U+FFFD` }],
  };
}

/** U+0000, a high surrogate not followed by a low one, a low surrogate not preceded by a high one. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must be found
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) {
    let same = true;
    const out = value.map((v) => {
      const m = mapStrings(v, f);
      if (m !== v) same = false;
      return m;
    });
    return same ? value : out;
  }
  if (value !== null && typeof value === 'object') {
    let same = true;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const m = mapStrings(v, f);
      if (m !== v) same = false;
      out[k] = m;
    }
    return same ? value : out;
  }
  return value;
}

import { SCHEMA_DOCS, VIEW_DOCS } from './schema-docs.ts';

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** COMMENT ON statements for every documented table and column. */
export function commentStatements(): string[] {
  const out: string[] = [];
  for (const [table, doc] of Object.entries(SCHEMA_DOCS)) {
    out.push(`COMMENT ON TABLE "${table}" IS ${literal(doc.table)};`);
    for (const [column, text] of Object.entries(doc.columns)) {
      out.push(`COMMENT ON COLUMN "${table}"."${column}" IS ${literal(text)};`);
    }
  }
  for (const [view, doc] of Object.entries(VIEW_DOCS)) {
    out.push(`COMMENT ON VIEW "${view}" IS ${literal(doc.table)};`);
    for (const [column, text] of Object.entries(doc.columns)) {
      out.push(`COMMENT ON COLUMN "${view}"."${column}" IS ${literal(text)};`);
    }
  }
  return out;
}

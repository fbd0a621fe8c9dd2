import { is } from 'drizzle-orm';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';
import { SCHEMA_DOCS, VIEW_DOCS, type TableDoc } from './schema-docs.ts';

/*
 * docs/schema.md, the data dictionary as a page: rendered from the drizzle
 * tables (types, nullability, keys) and SCHEMA_DOCS / VIEW_DOCS (the same
 * descriptions `migrate` writes as COMMENT ON), so the two cannot disagree.
 */

/** The command that rewrites docs/schema.md from this module. */
export const SCHEMA_DOC_COMMAND = 'npx tsx packages/db/scripts/gen-schema-doc.ts';

interface ForeignKeyInfo {
  readonly columns: readonly string[];
  readonly table: string;
  readonly foreignColumns: readonly string[];
  readonly onDelete: string | undefined;
}

interface ColumnInfo {
  readonly name: string;
  readonly sqlType: string;
  readonly enumName: string | undefined;
  readonly enumValues: readonly string[];
  readonly notNull: boolean;
  readonly description: string;
}

interface TableInfo {
  readonly name: string;
  readonly description: string;
  readonly columns: readonly ColumnInfo[];
  readonly primaryKey: readonly string[];
  readonly uniqueKeys: readonly (readonly string[])[];
  readonly foreignKeys: readonly ForeignKeyInfo[];
}

const tableName = (t: PgTable) => getTableConfig(t).name;

function enumOf(column: PgColumn): { name: string; values: readonly string[] } | undefined {
  const e = (column as { enum?: { enumName: string; enumValues: readonly string[] } }).enum;
  return e ? { name: e.enumName, values: e.enumValues } : undefined;
}

function toTableInfo(name: string, doc: TableDoc, table: PgTable): TableInfo {
  const config = getTableConfig(table);
  const documented = (column: string) => {
    const text = doc.columns[column];
    if (text === undefined) throw new Error(`schema-docs.ts has no description of ${name}.${column}`);
    return text;
  };
  const columns = config.columns.map((c): ColumnInfo => {
    const e = enumOf(c);
    return { name: c.name, sqlType: c.getSQLType(), enumName: e?.name, enumValues: e?.values ?? [], notNull: c.notNull, description: documented(c.name) };
  });
  const primaryKey = [...config.columns.filter((c) => c.primary).map((c) => c.name), ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name))];
  const uniqueKeys = [
    ...config.columns.filter((c) => c.isUnique).map((c) => [c.name]),
    ...config.uniqueConstraints.map((u) => u.columns.map((c) => c.name)),
    ...config.indexes
      .filter((i) => i.config.unique)
      .map((i) => i.config.columns.map((c) => ('name' in c && typeof c.name === 'string' ? c.name : '(expression)'))),
  ];
  const foreignKeys = config.foreignKeys.map((fk): ForeignKeyInfo => {
    const ref = fk.reference();
    return { columns: ref.columns.map((c) => c.name), table: tableName(ref.foreignTable), foreignColumns: ref.foreignColumns.map((c) => c.name), onDelete: fk.onDelete };
  });
  return { name, description: doc.table, columns, primaryKey, uniqueKeys, foreignKeys };
}

/** Every exported table, in the order of the data dictionary. */
function describeTables(): TableInfo[] {
  const byName = new Map<string, PgTable>();
  for (const value of Object.values(schema)) if (is(value, PgTable)) byName.set(tableName(value), value);
  for (const name of byName.keys()) if (!(name in SCHEMA_DOCS)) throw new Error(`schema-docs.ts has no entry for table ${name}`);
  return Object.entries(SCHEMA_DOCS).map(([name, doc]) => {
    const table = byName.get(name);
    if (!table) throw new Error(`schema-docs.ts documents ${name}, which schema.ts does not define`);
    return toTableInfo(name, doc, table);
  });
}

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c));
const isKey = (t: TableInfo, columns: readonly string[]) => sameColumns(t.primaryKey, columns) || t.uniqueKeys.some((u) => sameColumns(u, columns));
const foreignKeyOf = (t: TableInfo, column: string) => t.foreignKeys.find((fk) => fk.columns.includes(column));
const cell = (s: string) => s.replaceAll('|', '\\|');
const code = (s: string) => `\`${s}\``;
const list = (items: readonly string[]) => items.join(', ');

function keyMarkers(t: TableInfo, column: string): string[] {
  const keys: string[] = [];
  if (t.primaryKey.includes(column)) keys.push('PK');
  if (foreignKeyOf(t, column)) keys.push('FK');
  if (t.uniqueKeys.some((u) => u.includes(column))) keys.push('UK');
  return keys;
}

/** A mermaid attribute type: one word (mermaid splits on spaces). */
const mermaidType = (c: ColumnInfo) => c.enumName ?? c.sqlType.replace('timestamp with time zone', 'timestamptz').replaceAll(' ', '');

/** One relationship line per foreign key: parent ||--o{ child : "fk_column". */
function relationshipLine(child: TableInfo, fk: ForeignKeyInfo): string {
  const required = fk.columns.every((name) => child.columns.find((c) => c.name === name)?.notNull);
  const parentSide = required ? '||' : '|o';
  const childSide = isKey(child, fk.columns) ? 'o|' : 'o{';
  return `${fk.table} ${parentSide}--${childSide} ${child.name} : "${list(fk.columns)}"`;
}

function renderDiagram(tables: readonly TableInfo[]): string[] {
  const lines = ['```mermaid', 'erDiagram'];
  for (const t of tables) for (const fk of t.foreignKeys) lines.push(`  ${relationshipLine(t, fk)}`);
  for (const t of tables) {
    lines.push(`  ${t.name} {`);
    for (const c of t.columns) lines.push(`    ${[mermaidType(c), c.name, list(keyMarkers(t, c.name))].filter(Boolean).join(' ')}`);
    lines.push('  }');
  }
  lines.push('```');
  return lines;
}

function keyCell(t: TableInfo, column: string): string {
  const parts: string[] = [];
  if (t.primaryKey.includes(column)) parts.push(t.primaryKey.length > 1 ? `PK (${list(t.primaryKey)})` : 'PK');
  const fk = foreignKeyOf(t, column);
  if (fk) parts.push(`FK → ${code(`${fk.table}.${list(fk.foreignColumns)}`)}${fk.onDelete ? ` (on delete ${fk.onDelete})` : ''}`);
  for (const u of t.uniqueKeys.filter((k) => k.includes(column))) parts.push(u.length > 1 ? `UK (${list(u)})` : 'UK');
  return parts.join(', ');
}

const typeCell = (c: ColumnInfo) => (c.enumName ? `${code(c.enumName)}: ${list(c.enumValues.map(code))}` : code(c.sqlType));

function renderTable(t: TableInfo): string[] {
  return [
    `### ${t.name}`,
    '',
    t.description,
    '',
    '| column | type | null | key | description |',
    '| --- | --- | --- | --- | --- |',
    ...t.columns.map((c) => `| ${code(c.name)} | ${cell(typeCell(c))} | ${c.notNull ? 'no' : 'yes'} | ${cell(keyCell(t, c.name))} | ${cell(c.description)} |`),
    '',
  ];
}

function renderView(name: string, doc: TableDoc): string[] {
  return [
    `### ${name}`,
    '',
    doc.table,
    '',
    '| column | description |',
    '| --- | --- |',
    ...Object.entries(doc.columns).map(([column, text]) => `| ${code(column)} | ${cell(text)} |`),
    '',
  ];
}

const qualified = (t: TableInfo, columns: readonly string[]) => code(columns.length > 1 ? `${t.name} (${list(columns)})` : `${t.name}.${columns[0]}`);

function renderConventions(tables: readonly TableInfo[]): string[] {
  const money = tables.flatMap((t) => t.columns.filter((c) => c.sqlType === 'numeric(20, 2)').map((c) => code(`${t.name}.${c.name}`)));
  const having = (column: string) => tables.filter((t) => t.columns.some((c) => c.name === column)).map((t) => code(t.name));
  const idempotency = tables.flatMap((t) => t.uniqueKeys.map((u) => qualified(t, u)));
  const cascades = tables.flatMap((t) => t.foreignKeys.filter((fk) => fk.onDelete === 'cascade').map((fk) => `${code(fk.table)} → ${code(t.name)}`));
  return [
    '## Conventions',
    '',
    `- **Money** is \`numeric(20,2)\` in yuan, exact to the fen: ${list(money)}. Other extracted numbers are unconstrained \`numeric\`; drivers return both as decimal strings, and nothing is ever a float.`,
    `- **Provenance**: extracted rows keep the 1-based \`page\` they were read from (null for formats without pages) in ${list(having('page'))}, and the text that states them in \`source_text\` (${list(having('source_text'))}); indicators keep their printed cells in \`target_raw\` / \`actual_raw\`, findings their \`pages\`.`,
    `- **Idempotency keys**: re-ingesting the same bytes, re-parsing a document or re-crawling a portal cannot add a second copy of a row, because of these unique keys: ${list(idempotency)}.`,
    `- **Cascades**: deleting a parent deletes its children (${list(cascades)}), so re-parsing replaces a document's rows in one transaction.`,
    '',
  ];
}

/** docs/schema.md: intro, ER diagram, one section per table and view, conventions. */
export function renderSchemaMarkdown(): string {
  const tables = describeTables();
  const views = Object.entries(VIEW_DOCS);
  const link = (name: string) => `[${name}](#${name})`;
  return [
    '# Database schema',
    '',
    `<!-- Generated from packages/db/src/schema.ts and packages/db/src/schema-docs.ts by \`${SCHEMA_DOC_COMMAND}\`; do not edit by hand. -->`,
    '',
    'The data dictionary of the budget-ingest database: the analysts\' tables and views, their columns, keys and relationships. ' +
      'The descriptions are the ones `migrate` writes as `COMMENT ON`, so `\\d+ amounts` in psql shows the same text.',
    '',
    `Tables: ${list(tables.map((t) => link(t.name)))}.`,
    '',
    `Views: ${list(views.map(([name]) => link(name)))}.`,
    '',
    '## Relationships',
    '',
    'Foreign keys point from child to parent; `PK`, `FK` and `UK` mark primary-key, foreign-key and unique-key columns.',
    '',
    ...renderDiagram(tables),
    '',
    '## Tables',
    '',
    ...tables.flatMap(renderTable),
    '## Views',
    '',
    'Defined in `migrations/0002_analyst_views.sql`; read-only, derived from the tables above.',
    '',
    ...views.flatMap(([name, doc]) => renderView(name, doc)),
    ...renderConventions(tables),
  ].join('\n');
}

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from './schema.ts';
import { SCHEMA_DOCS, VIEW_DOCS } from './schema-docs.ts';
import { renderSchemaMarkdown, SCHEMA_DOC_COMMAND } from './schema-markdown.ts';

const DOC_PATH = fileURLToPath(new URL('../../../docs/schema.md', import.meta.url));
const markdown = renderSchemaMarkdown();
const cell = (s: string) => s.replaceAll('|', '\\|');

/** The text of the `### name` section, up to the next heading of level 2 or 3. */
function section(name: string): string {
  const start = markdown.indexOf(`\n### ${name}\n`);
  expect(start, `no section for ${name}`).toBeGreaterThan(-1);
  const rest = markdown.slice(start + 1);
  const end = rest.slice(1).search(/\n##+ /);
  return end === -1 ? rest : rest.slice(0, end + 1);
}

function mermaidBlock(): string {
  const match = /```mermaid\n([\s\S]*?)```/.exec(markdown);
  expect(match, 'no mermaid block').not.toBeNull();
  return match![1]!;
}

const pgTables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));

const foreignKeys = pgTables.flatMap((t) =>
    getTableConfig(t).foreignKeys.map((fk) => {
      const ref = fk.reference();
      return { child: getTableConfig(t).name, parent: getTableConfig(ref.foreignTable).name, columns: ref.columns.map((c) => c.name).join(', ') };
    }),
  );

describe('renderSchemaMarkdown', () => {
  it('matches the committed docs/schema.md, so the page cannot go stale', () => {
    const committed = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, 'utf8') : null;
    expect(committed, `docs/schema.md is missing or stale: regenerate it with \`${SCHEMA_DOC_COMMAND}\``).toBe(markdown);
  });

  it('gives every table a section with each documented column, its description and its SQL type', () => {
    const columns = Object.fromEntries(pgTables.map((t) => [getTableConfig(t).name, getTableConfig(t).columns] as const));
    for (const [table, doc] of Object.entries(SCHEMA_DOCS)) {
      const text = section(table);
      expect(text).toContain(doc.table);
      for (const [column, description] of Object.entries(doc.columns)) {
        const row = text.split('\n').find((line) => line.startsWith(`| \`${column}\` |`));
        expect(row, `${table}.${column} has no row`).toBeDefined();
        expect(row).toContain(cell(description));
        const sqlType = columns[table]?.find((c) => c.name === column)?.getSQLType();
        expect(row).toContain(`\`${sqlType}\``);
      }
    }
  });

  it('gives every view a section with each documented column and its description', () => {
    for (const [view, doc] of Object.entries(VIEW_DOCS)) {
      const text = section(view);
      expect(text).toContain(doc.table);
      for (const [column, description] of Object.entries(doc.columns)) {
        expect(text, `${view}.${column}`).toContain(`| \`${column}\` | ${cell(description)} |`);
      }
    }
  });

  it('names every foreign key relationship in the mermaid diagram', () => {
    expect(foreignKeys.length).toBeGreaterThan(0);
    const lines = mermaidBlock().split('\n').map((l) => l.trim());
    for (const { parent, child, columns } of foreignKeys) {
      const line = lines.find((l) => l.startsWith(`${parent} `) && l.endsWith(` ${child} : "${columns}"`));
      expect(line, `${child}.${columns} → ${parent}`).toMatch(/^\S+ (\|\||\|o)--(o\{|o\|) \S+ : "/);
    }
  });

  it('draws optional parents as zero-or-one and one-to-one children as zero-or-one', () => {
    const diagram = mermaidBlock();
    expect(diagram).toContain('documents ||--o{ reports : "document_id"');
    expect(diagram).toContain('sources |o--o{ documents : "source_id"');
    expect(diagram).toContain('documents ||--o| document_contents : "document_id"');
  });

  it('marks primary, foreign and unique key columns in the diagram', () => {
    const diagram = mermaidBlock();
    expect(diagram).toContain('bigint document_id PK, FK');
    expect(diagram).toContain('char(64) sha256 UK');
    expect(diagram).toContain('numeric(20,2) yuan');
  });

  it('lists the allowed values of enum columns', () => {
    expect(section('amounts')).toContain('`amount_phase`: `budget_initial`, `budget_adjusted`, `actual`');
  });

  it('names money columns, provenance and idempotency keys in the conventions', () => {
    const conventions = markdown.slice(markdown.indexOf('## Conventions'));
    expect(conventions).toContain('`amounts.yuan`');
    expect(conventions).toContain('`source_text`');
    expect(conventions).toContain('`documents.sha256`');
    expect(conventions).toContain('`amounts (report_id, item, phase, fiscal_year)`');
  });
});

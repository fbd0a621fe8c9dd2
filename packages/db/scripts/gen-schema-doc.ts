/** Writes docs/schema.md from the schema and its data dictionary: npx tsx packages/db/scripts/gen-schema-doc.ts */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSchemaMarkdown } from '../src/schema-markdown.ts';

const out = fileURLToPath(new URL('../../../docs/schema.md', import.meta.url));
writeFileSync(out, renderSchemaMarkdown());
console.log(`wrote ${out}`);

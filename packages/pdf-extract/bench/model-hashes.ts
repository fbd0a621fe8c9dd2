/**
 * Checks that every corpus PDF's document model (with tables and text only) is
 * byte-identical to the recorded hashes; `--write` records them (do that only
 * from code whose output is known good, before a change meant to keep it).
 *
 *   npm run bench:hashes -w packages/pdf-extract [-- --write]
 */
import { writeFileSync } from 'node:fs';
import { corpusHashes, corpusPdfs, hashChanges, hashesFile, recordedHashes } from './corpus.ts';

const now = await corpusHashes(corpusPdfs());
if (process.argv.includes('--write')) {
  writeFileSync(hashesFile, JSON.stringify(now, null, 2) + '\n');
  console.log(`recorded the model hashes of ${Object.keys(now).length} corpus PDFs in ${hashesFile}`);
} else {
  const changed = hashChanges(now, recordedHashes());
  console.log(changed.length === 0 ? `output identical: ${Object.keys(now).length} corpus PDFs match the recorded model hashes` : `OUTPUT CHANGED for ${changed.length} PDF(s): ${changed.join(', ')}`);
  if (changed.length > 0) process.exitCode = 1;
}

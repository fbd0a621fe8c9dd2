// Entry of the pooled extraction/parsing child (see child-pool.ts): the
// compiled module (dist/, see scripts/build.mjs) while it is up to date, else
// the TypeScript source through tsx. Each slot starts one: through tsx that
// costs about 8 s of CPU (transpiling the extractor and the parser), compiled
// a fraction of it.
import { loadEntry } from '../../../../scripts/load-entry.mjs';

await loadEntry('extract-child', new URL('./isolated-extract-child.ts', import.meta.url));

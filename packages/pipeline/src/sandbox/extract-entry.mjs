// Entry of BullMQ's sandboxed extract processor, a child process: the compiled
// processor (dist/, see scripts/build.mjs) while it is up to date, else the
// TypeScript source through tsx. The processor module itself makes the child
// exit with its worker (exit-with-parent.ts).
import { loadEntry } from '../../../../scripts/load-entry.mjs';

const { default: processor } = await loadEntry('extract-sandbox', new URL('./extract-sandbox.ts', import.meta.url));
export default processor;

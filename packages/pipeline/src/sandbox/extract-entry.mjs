// Entry of BullMQ's sandboxed extract processor: a child process that loads
// the TypeScript sources through tsx, like the CLI does.
import { register } from 'tsx/esm/api';

register();
const { default: processor } = await import('./extract-sandbox.ts');
export default processor;

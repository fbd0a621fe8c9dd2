// Entry of BullMQ's sandboxed extract processor: a child process that loads
// the TypeScript sources through tsx, like the CLI does.
import { register } from 'tsx/esm/api';

register();
// A child exits when its worker is gone (kill -9 of `workers`), instead of living on re-parented to PID 1.
const { exitWithParent } = await import('./exit-with-parent.ts');
exitWithParent();
const { default: processor } = await import('./extract-sandbox.ts');
export default processor;

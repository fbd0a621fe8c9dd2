// Entry of the extraction child process (see isolated-extract.ts): loads the
// TypeScript sources through tsx, like the CLI does.
import { register } from 'tsx/esm/api';

register();
await import('./isolated-extract-child.ts');

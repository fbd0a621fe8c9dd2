export * from './types.ts';
export { parseDocument, PARSER_VERSION } from './parse-document.ts';
export { outOfScope, type OutOfScope, type OutOfScopeCode } from './out-of-scope.ts';

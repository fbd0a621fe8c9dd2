export * from './types.ts';
export { parseDocument, PARSER_VERSION } from './parse-document.ts';

export * from './model.ts';
export * from './build.ts';
export * from './grid.ts';
export * from './text.ts';
export * from './errors.ts';
export * from './heading-numbering.ts';
export * from './storable.ts';
export * from './cjk-radicals.ts';
export { toCompactText, toModelText } from './normalize-text.ts';

export { loadConfig, ConfigError, assertQueueMode } from './config.ts';
export type { Config, ConfigOverrides, Env, Limits, OcrConfig, S3Settings } from './config.ts';

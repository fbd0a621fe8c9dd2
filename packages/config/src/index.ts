export { loadConfig, ConfigError, DEFAULT_LIMITS, assertQueueMode } from './config.ts';
export type { Config, ConfigOverrides, Env, Limits, S3Settings } from './config.ts';

export { loadConfig, ConfigError, DEFAULT_LIMITS } from './config.ts';
export type { Config, ConfigOverrides, Env, Limits } from './config.ts';

export { loadConfig, ConfigError, assertQueueMode } from './config.ts';
export type { Config, ConfigOverrides, Env, Limits, S3Settings } from './config.ts';
export { findProjectFile, PROJECT_FILE_NAMES, type ProjectFile } from './project-file.ts';

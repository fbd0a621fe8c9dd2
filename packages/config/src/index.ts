export { loadConfig, ConfigError, assertQueueMode } from './config.ts';
export type { Config, ConfigOverrides, Env, Limits, S3Settings } from './config.ts';
export { renderSettingsTable, SETTING_DOCS, type SettingName } from './settings-docs.ts';

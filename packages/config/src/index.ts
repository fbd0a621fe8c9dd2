export { loadConfig, ConfigError, assertQueueMode } from './config.ts';
export type { Config, ConfigOverrides, DashboardSettings, Env, Limits, OcrConfig, S3Settings, SqlServerSettings } from './config.ts';
export { findProjectFile, PROJECT_FILE_NAMES, type ProjectFile } from './project-file.ts';
export { renderSettingsTable, SETTING_DOCS, type SettingName } from './settings-docs.ts';

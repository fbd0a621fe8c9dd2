import type { Config } from '@budget-ingest/config';

/** The variable that carries the parent's resolved config, as JSON, into a sandbox child. */
export const RESOLVED_CONFIG_ENV = 'BUDGET_INGEST_RESOLVED_CONFIG';

/**
 * The config the parent process resolved (environment plus command-line
 * flags such as --data-dir), or null when the child was not started by a
 * parent that passes it.
 */
export function configFromParent(env: Record<string, string | undefined>): Config | null {
  const json = env[RESOLVED_CONFIG_ENV];
  return json ? (JSON.parse(json) as Config) : null;
}

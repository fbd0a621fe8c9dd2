import { readFile } from 'node:fs/promises';
import { parsePortalsConfig, PortalConfigError, type ParsePortalsOptions, type PortalsConfig } from './portal-config.ts';

/** Reads and validates a portals file; errors name the file. */
export async function loadPortalsFile(path: string, opts: ParsePortalsOptions = {}): Promise<PortalsConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    const why = missing ? 'no such file (copy config/portals.example.yaml to config/portals.yaml, or name another with PORTALS_CONFIG / --portals)' : `cannot read the portals file: ${(err as Error).message}`;
    throw new PortalConfigError([`${path}: ${why}`], { cause: err });
  }
  try {
    return parsePortalsConfig(text, opts);
  } catch (err) {
    if (err instanceof PortalConfigError) throw new PortalConfigError(err.issues.map((i) => `${path}: ${i}`), { cause: err });
    throw err;
  }
}

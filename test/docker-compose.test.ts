import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '@budget-ingest/cli';
import { loadConfig } from '@budget-ingest/config';

const ROOT = join(import.meta.dirname, '..');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
  profiles?: string[];
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = Object.entries(compose.services);
const envExample = Object.fromEntries(
  readFileSync(join(ROOT, '.env.example'), 'utf8')
    .split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

/** `${VAR:-default}` and `$${…}` the way compose interpolates them, from .env.example. */
function interpolate(s: string): string {
  return s.replace(/\$\$/g, '\0').replace(/\$\{([A-Z_]+)(?::-([^}]*))?\}/g, (_, name: string, def?: string) => envExample[name] ?? def ?? '').replace(/\0/g, '$');
}

const appServices = services.filter(([, s]) => s.image === 'budget-ingest:latest');

/** The static checks `docker compose config` would make, and the ones it would not (what the README promises). */
describe('docker-compose.yml', () => {
  it('names every variable it uses in .env.example, with the same defaults', () => {
    const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    for (const [, name, def] of text.matchAll(/\$\{([A-Z_]+)(?::-([^}]*))?\}/g)) {
      expect(envExample, name).toHaveProperty(name!);
      if (def !== undefined) expect(envExample[name!], name).toBe(def);
    }
  });

  it('gives every app service a configuration the program accepts, on the compose network', () => {
    expect(appServices.length).toBeGreaterThanOrEqual(7);
    for (const [name, s] of appServices) {
      const env = Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
      const config = loadConfig(env, {}, '/app');
      expect(config.databaseUrl, name).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
      expect(config.redisUrl, name).toBe('redis://redis:6379');
      expect(config.dataDir, name).toBe('/data');
      // S3 is not wired in compose: the blobs volume is the store every service shares.
      expect(Object.keys(env).filter((k) => k.startsWith('S3_')), name).toEqual([]);
      if (name !== 'migrate') expect(s.volumes, name).toContain('blobs:/data');
    }
    expect(services.some(([, s]) => /minio/.test(s.image ?? ''))).toBe(false);
  });

  it('pins every image it pulls, and publishes ports on 127.0.0.1 only', () => {
    for (const [name, s] of services) {
      if (s.build) continue;
      expect(s.image, name).toMatch(/^[a-z0-9/_-]+:\d+(\.\d+)+$/);
    }
    for (const [name, s] of services) for (const p of s.ports ?? []) expect(interpolate(p), name).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    expect(compose.services.postgres!.ports).toHaveLength(1);
    expect(compose.services.redis!.ports).toHaveLength(1);
  });

  it('depends only on services that exist, and waits on health only where there is a healthcheck', () => {
    for (const [name, s] of services) {
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        const target = compose.services[dep];
        expect(target, `${name} → ${dep}`).toBeDefined();
        if (condition === 'service_healthy') expect(target!.healthcheck, `${dep} has a healthcheck`).toBeDefined();
        if (condition === 'service_completed_successfully') expect(target!.restart, `${dep} runs once`).toBe('no');
      }
    }
    for (const name of ['postgres', 'redis', 'dashboard', 'review']) expect(compose.services[name]?.healthcheck?.test.length, name).toBeGreaterThan(0);
  });

  it('declares every named volume and mounts only folders the repository has', () => {
    for (const [name, s] of services) {
      for (const v of s.volumes ?? []) {
        const [source] = v.split(':');
        if (source!.startsWith('.')) expect(existsSync(join(ROOT, source!)), `${name}: ${source}`).toBe(true);
        else expect(compose.volumes, `${name}: ${source}`).toHaveProperty(source!);
      }
    }
  });

  it('mounts config/ for the fetcher where PORTALS_CONFIG points, and restarts it only on failure', () => {
    const fetcher = compose.services.fetcher!;
    expect(fetcher.volumes).toContain('./config:/app/config:ro');
    expect(fetcher.environment!.PORTALS_CONFIG).toBe('/app/config/portals.yaml');
    expect(fetcher.restart).toBe('on-failure');
    expect(existsSync(join(ROOT, 'config/portals.example.yaml'))).toBe(true);
  });

  it('lands exports from `compose run cli` on the host through a bind mount', () => {
    expect(compose.services.cli!.volumes).toEqual(expect.arrayContaining(['./exports:/exports', './inbox:/inbox:ro']));
  });

  it('runs only commands the CLI has', () => {
    const commands = new Set(buildProgram({ env: {}, cwd: ROOT, stdout: () => undefined, stderr: () => undefined, stdoutIsTty: false }, () => undefined).commands.map((c) => c.name()));
    for (const [name, s] of appServices) {
      if (s.entrypoint) {
        expect(existsSync(join(ROOT, s.entrypoint[1]!)), name).toBe(true);
        continue;
      }
      const command = s.command?.[0];
      if (command === undefined) continue;
      // `review` is the review app's command, built on its own branch; the service is ready for it.
      if (command === 'review' && !commands.has('review')) continue;
      expect(commands.has(command), `${name}: ${command}`).toBe(true);
    }
    expect(compose.services.dashboard!.command).toEqual(['dashboard', '--host', '0.0.0.0', '--port', '3000']);
    expect(compose.services.review!.command?.[0]).toBe('review');
  });
});

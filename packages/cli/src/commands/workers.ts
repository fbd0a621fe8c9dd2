import { startPipelineService, stopOnSignals, type StageName } from '@budget-ingest/pipeline';
import { openContext, type GlobalOptions, type Runtime } from '../context.ts';

const STAGES: readonly StageName[] = ['extract', 'parse'];

/** `workers`: the extract and parse workers in this one process, for a single machine; stops cleanly on SIGTERM. */
export async function workersCommand(rt: Runtime, opts: GlobalOptions & { stages?: string }): Promise<number> {
  const ctx = openContext(rt, opts);
  const stages = (opts.stages ?? STAGES.join(',')).split(',').map((s) => s.trim()) as StageName[];
  const unknown = stages.filter((s) => !STAGES.includes(s));
  if (unknown.length) {
    rt.stderr(`budget-ingest workers: unknown stage(s) ${unknown.join(', ')} (stages: ${STAGES.join(', ')})`);
    return 2;
  }
  const service = await startPipelineService(ctx.config, ctx.logger, stages, rt.env.PATH ?? '');
  rt.stdout(`workers running (${stages.join(', ')}); Ctrl-C or SIGTERM stops them after the running jobs`);
  return new Promise<number>((resolve) =>
    stopOnSignals(service, ctx.logger, (code) => {
      resolve(code);
      // After a stop past its deadline, connections still retrying would keep the process alive;
      // unref'd, this exit only happens when something does.
      setTimeout(() => process.exit(code), 1_000).unref();
    }),
  );
}

import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';

/** `migrate`: applies the SQL migrations (and the data dictionary); a second run changes nothing. */
export async function migrateCommand(rt: Runtime, opts: GlobalOptions): Promise<number> {
  const ctx = await openDbContext(rt, opts);
  try {
    rt.stdout(`schema up to date (${ctx.handle.kind}: ${ctx.handle.location})`);
    return 0;
  } finally {
    await ctx.close();
  }
}

import { migrateWithReport } from '@budget-ingest/db';
import { dataDirText, openDbContext, type GlobalOptions, type Runtime } from '../context.ts';

/**
 * `migrate`: applies the SQL migrations (and the data dictionary); a second run changes nothing.
 * It says what it did: on an empty database, the migrations it applied and the tables and views they
 * created; on an up-to-date one, that nothing changed.
 */
export async function migrateCommand(rt: Runtime, opts: GlobalOptions): Promise<number> {
  const ctx = await openDbContext(rt, opts, { migrateFirst: false });
  try {
    const where = ctx.handle.kind === 'pglite' ? `embedded database in ${dataDirText(ctx.config)}` : `${ctx.handle.kind}: ${ctx.handle.location}`;
    const result = await migrateWithReport(ctx.handle);
    if (result.applied.length === 0) {
      rt.stdout(`schema up to date (${where}); nothing to apply: ${result.tables.length} tables and ${result.views.length} views`);
      return 0;
    }
    rt.stdout(`applied ${result.applied.length} migration(s) to the ${where}: ${result.applied.join(', ')}`);
    if (result.createdTables.length) rt.stdout(`created ${result.createdTables.length} table(s): ${result.createdTables.join(', ')}`);
    if (result.createdViews.length) rt.stdout(`created ${result.createdViews.length} view(s): ${result.createdViews.join(', ')}`);
    rt.stdout(`schema up to date (${where})`);
    return 0;
  } finally {
    await ctx.close();
  }
}

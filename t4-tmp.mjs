const t0=performance.now(); const c0=process.cpuUsage();
const lap=(m)=>{const c=process.cpuUsage(c0);console.log(m,'wall',(performance.now()-t0).toFixed(0),'cpu',((c.user+c.system)/1000).toFixed(0))};
const { PGlite } = await import('@electric-sql/pglite');
const { PGlite: P2 } = await import('@electric-sql/pglite');
const extra = process.argv.slice(3).flatMap(a=>['-c',a]);
const c = await PGlite.create(process.argv[2], extra.length ? { startParams: [...PGlite.defaultStartParams ?? [], ...extra] } : {}); lap('create '+extra.join(' '));
console.log((await c.query("select current_setting('shared_buffers') sb, current_setting('wal_buffers') wb")).rows);
await c.close(); lap('close');

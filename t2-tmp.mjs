const t0=performance.now(); const c0=process.cpuUsage();
const lap=(m)=>{const c=process.cpuUsage(c0);console.log(m,'wall',(performance.now()-t0).toFixed(0),'cpu',((c.user+c.system)/1000).toFixed(0))};
const { PGlite } = await import('@electric-sql/pglite');
const c = await PGlite.create(process.argv[2]); lap('create '+process.argv[2]);
await c.close(); lap('close');
const d = await PGlite.create(process.argv[2]); lap('create again same process');
await d.close(); lap('close');

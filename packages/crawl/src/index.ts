// The crawl package's public surface: what the CLI and the fetcher service call, and the types
// their signatures name. Everything else is internal (tests import modules next to them).
export { parsePortalsConfig, PortalConfigError } from './portal-config.ts';
export type { PortalConfig, PortalsConfig, ParsePortalsOptions } from './portal-config.ts';
export { loadPortalsFile } from './load-portals.ts';
export { crawlSource } from './crawler.ts';
export type { CrawlDeps, CrawlOptions, CrawlSummary, DryRunSummary } from './crawler.ts';
export type { CrawlProgress } from './crawl-context.ts';
export { crawlCommand, dryRunCommand, UnknownSourceError } from './run-crawl.ts';
export type { RunCrawlOptions, CrawlCommandIo } from './run-crawl.ts';
export { HostScheduler } from './host-scheduler.ts';
export { createStoreFileSink } from './file-sink.ts';
export type { FileSink, FetchedFile } from './file-sink.ts';
export { createCrawlQueue, createCrawlWorker, syncCrawlSchedulers, enqueueCrawl } from './schedules.ts';
export type { CrawlQueue } from './schedules.ts';
export { crawlStatusBySource } from './crawl-state.ts';
export type { SourceCrawlStatus } from './crawl-state.ts';

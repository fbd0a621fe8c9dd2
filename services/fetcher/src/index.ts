export { startFetcher } from './fetcher-service.ts';
export type { RunningFetcher, FetcherOptions } from './fetcher-service.ts';

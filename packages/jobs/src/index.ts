/**
 * The queues between the processes, named once. The crawl schedules and the
 * fetcher (producers and worker of `fetch`) and the pipeline (producers and
 * workers of `extract` and `parse`) import these, so both sides of a queue
 * always mean the same one. Plain values and types: no queue library here.
 */
export const QUEUES = { fetch: 'fetch', extract: 'extract', parse: 'parse' } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** The name each queue's jobs carry (shown in dashboards; a worker takes every job of its queue). */
export const JOB_NAMES = { fetch: 'crawl', extract: 'extract', parse: 'parse' } as const satisfies Record<QueueName, string>;

/** A crawl of one configured portal. */
export interface FetchJobData {
  /** The portal's name in the portals config. */
  readonly source: string;
  /** Walk every listing page again, not only until the first known file. */
  readonly full?: boolean;
}

/** A document's stage: jobs carry ids, never file bytes; workers read the bytes from the blob store. */
export interface DocumentJobData {
  readonly documentId: number;
  readonly sha256: string;
}
export type ExtractJobData = DocumentJobData;
export type ParseJobData = DocumentJobData;

/** Each queue's job data, so a Queue or Worker typed by its name gets the right one. */
export interface JobDataOf {
  readonly fetch: FetchJobData;
  readonly extract: ExtractJobData;
  readonly parse: ParseJobData;
}

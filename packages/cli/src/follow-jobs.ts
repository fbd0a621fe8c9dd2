import { waitForDocuments, type Enqueued, type PipelineQueues } from '@budget-ingest/pipeline';
import type { Runtime } from './context.ts';

/** `--wait`: follows queued documents until each is done, printing a line whenever the count moves. */
export async function followJobs(rt: Runtime, queues: PipelineQueues, queued: readonly Enqueued[], opts: { quiet?: boolean; hint?: string } = {}): Promise<void> {
  let last = -1;
  await waitForDocuments(queues, queued, {
    onProgress: (done, total) => {
      if (done !== last && !opts.quiet) rt.stdout(`waiting: ${done}/${total} document(s) done${opts.hint ?? ''}`);
      last = done;
    },
  });
}

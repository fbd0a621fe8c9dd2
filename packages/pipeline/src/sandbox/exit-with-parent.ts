/**
 * A child process must not outlive the process that forked it: after a
 * `kill -9` of a worker its children would be re-parented to PID 1 and go on
 * holding connections and memory. The IPC channel closing is the signal
 * (`disconnect`); a parent-PID check every few seconds covers a channel that
 * stays open by mistake.
 */
export function exitWithParent(checkMs = 2000): void {
  const parent = process.ppid;
  process.on('disconnect', () => process.exit(0));
  const timer = setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, checkMs);
  timer.unref();
}

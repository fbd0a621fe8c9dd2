import { readFileSync, readdirSync } from 'node:fs';

/**
 * Samples the resident memory of a process and all its descendants every
 * `everyMs` (Linux /proc): the largest single process seen, and which it was,
 * and the largest sum over the whole tree at one sample (`treeBytes`).
 * For "no process goes over N" and "the run stays under N" checks of whole
 * runs with children.
 */
export function watchPeakRss(rootPid: number, everyMs = 100): { stop(): { bytes: number; command: string; treeBytes: number } } {
  let peak = { bytes: 0, command: '' };
  let treeBytes = 0;
  const sample = () => {
    const parents = new Map<number, number>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // gone meanwhile
      }
    }
    const tree = new Set([rootPid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, ppid] of parents) {
        if (tree.has(ppid) && !tree.has(pid)) {
          tree.add(pid);
          grew = true;
        }
      }
    }
    let sum = 0;
    for (const pid of tree) {
      try {
        const kb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
        sum += kb * 1024;
        if (kb * 1024 > peak.bytes) peak = { bytes: kb * 1024, command: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120) };
      } catch {
        // gone meanwhile
      }
    }
    treeBytes = Math.max(treeBytes, sum);
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { ...peak, treeBytes };
    },
  };
}

import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ExtractError, EXTRACT_ERROR_CODES, type ExtractErrorCode } from '@budget-ingest/doc-model';
import type { ChildProgress, ChildReply, ChildRequest } from './isolated-extract-child.ts';

const ENTRY = fileURLToPath(new URL('./isolated-extract-entry.mjs', import.meta.url));
/** How often a busy child's resident memory is read. */
const WATCH_MS = 50;

/** What a child is doing, for the error that names the limit it went past. */
export type ChildWork = 'extraction' | 'parsing';

export interface ChildLimits {
  readonly memoryMb: number;
  readonly timeoutMs: number;
  /**
   * Children this process runs at once (its slots); a request past them
   * waits for a free one. Idle children are kept up to the most that were
   * ever busy at once, so a steady load never pays a child's start (about a
   * second) per document, and a burst never forks more processes than slots.
   */
  readonly slots: number;
  /**
   * Requests one child serves before it is retired (default REQUESTS_PER_CHILD):
   * the extractors' live heap stays flat over a long run (the soak bench, heap
   * sampled after a full collection), but a child's RSS keeps what its largest
   * document needed and a slow leak in a dependency would grow unseen; a
   * retired child returns both, at a start's cost over many documents.
   */
  readonly requestsPerChild?: number;
  /** Share of `memoryMb` resident after a request above which the child is retired (default RETIRE_RESIDENT_SHARE). */
  readonly retireResidentShare?: number;
  /** Told of each page the child read by OCR (it sends them while it works, before its answer). */
  readonly onProgress?: (p: ChildProgress) => void;
}

/**
 * A new child costs about 1.3 s before it runs at speed (0.3 s to start, then
 * its first documents run before V8 has compiled the extractor and the
 * parser), against about 0.15 s per document (extract + parse, two requests)
 * once warm: retiring every 200 requests spent 7–8 % of a slot on warming
 * up, every 1,000 (500 documents, 75 s) about 1.7 %. The soak bench (2,000
 * PDFs extracted in one process) shows no growth to retire for; a child
 * whose memory did grow is retired sooner by RETIRE_RESIDENT_SHARE.
 */
export const REQUESTS_PER_CHILD = 1000;

/**
 * A child resident above this share of its memory limit after a request is
 * retired instead of kept: what a large document left, or a slow leak, would
 * otherwise stay for up to REQUESTS_PER_CHILD requests and leave the next
 * document less room than the limit promises. Not lower: garbage not yet
 * collected lifts a healthy long-running extractor to about 680 MiB (the soak
 * bench) under the default limit of 1,024, and retiring those would cost a
 * warm-up every few documents. Under a MAX_EXTRACT_MEMORY_MB much below the
 * default (256: 192 MiB, what a fresh child needs for a large PDF) children are
 * retired often; such a limit trades speed for memory anyway.
 */
export const RETIRE_RESIDENT_SHARE = 0.75;

/**
 * Runs one request (extract bytes, or parse a model) in a pooled child
 * process with a hard memory limit and a deadline. Whatever the input does —
 * a decompression bomb, a native crash, an endless loop — it kills one child,
 * never this process, and becomes an ExtractError: `out-of-memory` over
 * `memoryMb` (resident memory, read from /proc every 50 ms, plus V8's heap
 * limit), `timeout` past `timeoutMs`, `crashed` when the child dies. Children
 * are reused between requests and replaced after a kill.
 */
export async function runInChild(req: ChildRequest, work: ChildWork, limits: ChildLimits): Promise<unknown> {
  const child = await acquire(limits);
  try {
    const value = await request(child, req, work, limits);
    child.served++;
    await releaseAfterRequest(child, limits);
    return value;
  } catch (err) {
    // An answer that is an error (a corrupt file) leaves the child alive: it goes back like any other.
    if (child.exitCode === null && child.signalCode === null && child.connected) await releaseAfterRequest(child, limits);
    else freeSlot();
    throw err;
  }
}

/** Back to the idle children, or retired when it served its share of requests or is still resident above its share of the limit. */
async function releaseAfterRequest(child: Child, limits: ChildLimits): Promise<void> {
  const rss = await residentBytes(child.proc.pid!);
  const outgrown = rss !== null && rss > limits.memoryMb * 1024 * 1024 * (limits.retireResidentShare ?? RETIRE_RESIDENT_SHARE);
  release(child, outgrown ? 0 : (limits.requestsPerChild ?? REQUESTS_PER_CHILD));
}

interface Child {
  readonly proc: ChildProcess;
  readonly memoryMb: number;
  exitCode: number | null;
  signalCode: NodeJS.Signals | null;
  connected: boolean;
  /** Requests answered so far. */
  served: number;
}

const idle: Child[] = [];
/** Requests waiting for a slot, first come first served. */
const waiting: (() => void)[] = [];
let busy = 0;
let mostBusy = 0;

async function acquire(limits: ChildLimits): Promise<Child> {
  while (busy >= Math.max(1, limits.slots)) await new Promise<void>((resolve) => waiting.push(resolve));
  busy++;
  mostBusy = Math.max(mostBusy, busy);
  for (let c = idle.pop(); c; c = idle.pop()) {
    if (c.connected && c.memoryMb === limits.memoryMb) {
      c.proc.ref();
      (c.proc.channel as { ref?: () => void } | undefined)?.ref?.();
      return c;
    }
    c.proc.kill('SIGKILL');
  }
  return spawnChild(limits.memoryMb).catch((err: unknown) => {
    freeSlot();
    throw err;
  });
}

function freeSlot(): void {
  busy--;
  waiting.shift()?.();
}

function release(child: Child, requestsPerChild: number): void {
  freeSlot();
  if (idle.length >= mostBusy || !child.connected || child.served >= requestsPerChild) {
    child.proc.kill('SIGKILL');
    return;
  }
  // An idle child must not keep this process alive; it exits when we do (exitWithParent).
  child.proc.unref();
  (child.proc.channel as { unref?: () => void } | undefined)?.unref?.();
  idle.push(child);
}

function spawnChild(memoryMb: number): Promise<Child> {
  // V8's heap limit below the hard limit, so a heap that grows too large fails in V8 first.
  const heapMb = Math.max(64, Math.floor(memoryMb * 0.85));
  // stderr inherited, not piped: a pipe would keep this process alive while an idle child waits.
  // One GC thread: extraction allocates steadily and V8's parallel GC helpers cost about 10 % more CPU for
  // the same wall time per document; with a slot per core, that CPU is what the other slots run on.
  const proc = fork(ENTRY, [], { execArgv: [`--max-old-space-size=${heapMb}`, '--single-threaded-gc'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const child: Child = { proc, memoryMb, exitCode: null, signalCode: null, connected: true, served: 0 };
  proc.on('exit', (code, signal) => {
    child.exitCode = code;
    child.signalCode = signal;
    child.connected = false;
    const i = idle.indexOf(child);
    if (i !== -1) idle.splice(i, 1);
  });
  proc.on('disconnect', () => (child.connected = false));
  return new Promise((resolve, reject) => {
    const onExit = () => reject(new ExtractError('crashed', `the extraction process did not start (exit code ${child.exitCode}, signal ${child.signalCode}); its error is on stderr above`));
    proc.once('exit', onExit);
    proc.once('message', () => {
      proc.off('exit', onExit);
      resolve(child);
    });
  });
}

function request(child: Child, req: ChildRequest, work: ChildWork, limits: ChildLimits): Promise<unknown> {
  const { proc } = child;
  const { memoryMb, timeoutMs } = limits;
  return new Promise((resolve, reject) => {
    let killedFor: 'out-of-memory' | 'timeout' | null = null;
    let peak = 0;
    const kill = (why: 'out-of-memory' | 'timeout') => {
      killedFor ??= why;
      proc.kill('SIGKILL');
    };
    const watch = setInterval(() => {
      void residentBytes(proc.pid!).then((rss) => {
        peak = Math.max(peak, rss ?? 0);
        if (rss !== null && rss > memoryMb * 1024 * 1024) kill('out-of-memory');
      });
    }, WATCH_MS);
    const timer = setTimeout(() => kill('timeout'), timeoutMs);
    const done = () => {
      clearInterval(watch);
      clearTimeout(timer);
      proc.off('message', onMessage);
      proc.off('exit', onExit);
    };
    const onMessage = (reply: ChildReply | { readonly progress: ChildProgress }) => {
      if ('progress' in reply) {
        limits.onProgress?.(reply.progress);
        return;
      }
      done();
      if (reply.ok) resolve(reply.value);
      else reject(toError(reply.error));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      done();
      // V8 out of heap (--max-old-space-size) aborts the process: SIGABRT, or exit code 134 through a shell.
      const heapOom = signal === 'SIGABRT' || code === 134;
      if (killedFor === 'out-of-memory' || (killedFor === null && heapOom)) {
        reject(new ExtractError('out-of-memory', `${work} went past the MAX_EXTRACT_MEMORY_MB limit of ${memoryMb} MiB and was stopped${peak ? ` (${Math.round(peak / 1048576)} MiB resident)` : ''}`));
      } else if (killedFor === 'timeout') {
        reject(new ExtractError('timeout', `${work} took longer than MAX_SECONDS_PER_DOCUMENT (${(timeoutMs - 5000) / 1000} s) and was stopped`));
      } else {
        reject(new ExtractError('crashed', `the ${work} process died (${signal ? `signal ${signal}` : `exit code ${code}`}) without an answer`));
      }
    };
    proc.on('message', onMessage);
    proc.on('exit', onExit);
    proc.send(req);
  });
}

function toError(e: { name: string; code: string | null; message: string }): Error {
  if (e.name === 'ExtractError' && e.code !== null && e.code in EXTRACT_ERROR_CODES) return new ExtractError(e.code as ExtractErrorCode, e.message);
  return Object.assign(new Error(e.message), { name: e.name });
}

/** Resident set size of a process (Linux /proc); null where it cannot be read. */
async function residentBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

/** Stops the idle children (tests, clean shutdown); busy ones finish their request first. */
export function stopIdleChildren(): void {
  for (const c of idle.splice(0)) c.proc.kill('SIGKILL');
}

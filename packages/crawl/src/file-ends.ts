import { open } from 'node:fs/promises';

/** The first and last `max` bytes of a file. */
export async function readEnds(path: string, max: number): Promise<{ head: Buffer; tail: Buffer }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(max, size));
    await fh.read(head, 0, head.length, 0);
    const tailStart = Math.max(head.length, size - max);
    const tail = Buffer.alloc(size - tailStart);
    await fh.read(tail, 0, tail.length, tailStart);
    return { head, tail };
  } finally {
    await fh.close();
  }
}

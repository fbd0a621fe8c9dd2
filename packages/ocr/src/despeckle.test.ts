import { describe, expect, it } from 'vitest';
import { despeckle, whitenPaper } from './despeckle.ts';

describe('despeckle', () => {
  it('paints out specks of a few pixels and keeps a full stop and a stroke', () => {
    const w = 100;
    const data = new Uint8Array(w * 100).fill(255);
    data[10 * w + 10] = 0; // a speck of one pixel
    data[20 * w + 20] = data[20 * w + 21] = 0; // two
    for (let y = 50; y < 53; y++) for (let x = 50; x < 53; x++) data[y * w + x] = 0; // a full stop, 3×3
    for (let x = 60; x < 90; x++) data[70 * w + x] = 0; // a stroke
    const out = despeckle({ width: w, height: 100, data }, 160, 4).data;
    expect([out[10 * w + 10], out[20 * w + 20], out[51 * w + 51], out[70 * w + 75]]).toEqual([255, 255, 0, 0]);
  });

  it('whitens light gray (a seal read through the red channel) and keeps print', () => {
    expect([...whitenPaper({ width: 3, height: 1, data: new Uint8Array([200, 176, 40]) }, 175).data]).toEqual([255, 255, 40]);
  });
});

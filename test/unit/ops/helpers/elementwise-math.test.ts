import { describe, expect, it } from 'vitest';
import { broadcastOffsets, broadcastShapes } from '../../../../src/ops/helpers/broadcast.js';

/** The definition, element by element: decompose the output index, clamp broadcast dims to 0. */
function naiveOffsets(inp: number[], out: number[]): number[] {
  const size = out.reduce((a, b) => a * b, 1);
  const res: number[] = [];
  for (let i = 0; i < size; i++) {
    let rem = i;
    const idx = out.map(() => 0);
    for (let d = out.length - 1; d >= 0; d--) {
      idx[d] = rem % out[d]!;
      rem = Math.floor(rem / out[d]!);
    }
    let off = 0;
    const shift = out.length - inp.length;
    for (let d = 0; d < inp.length; d++) off = off * inp[d]! + (inp[d] === 1 ? 0 : idx[d + shift]!);
    res.push(off);
  }
  return res;
}

describe('broadcastOffsets', () => {
  it('agrees with the element-by-element definition on assorted shapes', () => {
    const pairs: [number[], number[]][] = [
      [[3, 1], [1, 4]],
      [[2, 1, 4], [3, 1]],
      [[5], [2, 3, 5]],
      [[1], [4, 4]],
      [[], [2, 3]],
      [[2, 3, 1, 5], [2, 1, 4, 1]],
      [[1, 1, 7], [6, 1, 1]],
      [[4, 1, 1, 3], [4, 2, 2, 3]],
      [[0, 3], [1, 3]],
    ];
    for (const [a, b] of pairs) {
      const out = broadcastShapes([a, b])!;
      expect(Array.from(broadcastOffsets(a, out))).toEqual(naiveOffsets(a, out));
      expect(Array.from(broadcastOffsets(b, out))).toEqual(naiveOffsets(b, out));
    }
  });
  it('walks a column broadcast across rows', () => {
    expect(Array.from(broadcastOffsets([2, 1], [2, 3]))).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(broadcastOffsets([3], [2, 3]))).toEqual([0, 1, 2, 0, 1, 2]);
  });
});

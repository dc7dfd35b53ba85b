import { describe, expect, it } from 'vitest';
import { broadcastIndex, broadcastShapes } from '../../../../src/ops/helpers/broadcast.js';
import { broadcastOffsets } from '../../../../src/ops/helpers/elementwise-math.js';

describe('broadcastOffsets', () => {
  it('agrees with broadcastIndex on assorted shapes', () => {
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
      const [ia, ib] = broadcastIndex([a, b], out);
      expect(Array.from(broadcastOffsets(a, out))).toEqual(Array.from(ia!));
      expect(Array.from(broadcastOffsets(b, out))).toEqual(Array.from(ib!));
    }
  });
  it('walks a column broadcast across rows', () => {
    expect(Array.from(broadcastOffsets([2, 1], [2, 3]))).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(broadcastOffsets([3], [2, 3]))).toEqual([0, 1, 2, 0, 1, 2]);
  });
});

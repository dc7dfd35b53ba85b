import { describe, expect, it } from 'vitest';
import { windowAxis, windowAxisDim } from '../../../../src/ops/helpers/conv-pool.js';

describe('window geometry', () => {
  it('computes explicit, SAME and VALID output sizes', () => {
    expect(windowAxis(7, 3, 2, 1, 1, 1, 'NOTSET', false)).toEqual({ out: 4, padBegin: 1, padEnd: 1 });
    expect(windowAxis(7, 3, 2, 2, 0, 0, 'NOTSET', false)).toEqual({ out: 2, padBegin: 0, padEnd: 0 });
    // SAME: out = ceil(in / s); an odd total pad goes to the end (UPPER) or the beginning (LOWER).
    expect(windowAxis(5, 2, 1, 1, 0, 0, 'SAME_UPPER', false)).toEqual({ out: 5, padBegin: 0, padEnd: 1 });
    expect(windowAxis(5, 2, 1, 1, 0, 0, 'SAME_LOWER', false)).toEqual({ out: 5, padBegin: 1, padEnd: 0 });
    expect(windowAxis(6, 3, 2, 1, 9, 9, 'VALID', false)).toEqual({ out: 2, padBegin: 0, padEnd: 0 });
  });
  it('drops a ceil-mode window that would start in the end padding', () => {
    expect(windowAxis(4, 3, 2, 1, 0, 0, 'NOTSET', true).out).toBe(2);
    expect(windowAxis(2, 1, 2, 1, 0, 0, 'NOTSET', true).out).toBe(1);
    expect(windowAxis(2, 3, 3, 1, 1, 1, 'NOTSET', true).out).toBe(1);
  });
  it('keeps symbolic sizes', () => {
    expect(windowAxisDim('H', 3, 1, 1, 1, 1, 'NOTSET', false)).toBe('H');
    expect(windowAxisDim('H', 3, 2, 1, 1, 1, 'NOTSET', false)).toBe('floor((H+1)/2)');
    expect(windowAxisDim('H', 7, 2, 1, 0, 0, 'SAME_UPPER', false)).toBe('ceil(H/2)');
    expect(windowAxisDim('H', null, 2, 1, 0, 0, 'SAME_LOWER', false)).toBe('ceil(H/2)');
    expect(windowAxisDim('H', null, 1, 1, 0, 0, 'NOTSET', false)).toBeNull();
    expect(windowAxisDim('H', 3, 2, 1, 0, 0, 'NOTSET', true)).toBe('ceil((H-1)/2)');
    expect(windowAxisDim('H', 2, 2, 1, 0, 0, 'VALID', false)).toBe('floor(H/2)');
    expect(windowAxisDim('H', 3, 1, 2, 0, 0, 'VALID', false)).toBe('H-4');
    // With end padding the ceil correction depends on the value of H.
    expect(windowAxisDim('H', 2, 2, 1, 0, 1, 'NOTSET', true)).toBeNull();
    expect(windowAxisDim(8, 3, 2, 1, 0, 0, 'NOTSET', true)).toBe(4);
  });
});

import { describe, expect, it } from 'vitest';
import { dimAdd, dimCeilDiv, dimEquals, dimFloorDiv, dimMul, dimProduct, dimSub } from '../../../../src/ops/helpers/dims.js';

describe('symbolic dim arithmetic', () => {
  it('keeps sums and products canonical', () => {
    expect(dimAdd('N', 5)).toBe('N+5');
    expect(dimMul(2, 'N')).toBe('2*N');
    expect(dimAdd('N', 'N')).toBe('2*N');
    expect(dimSub(dimAdd('N', 1), 1)).toBe('N');
    expect(dimMul('N', 'S')).toBe('N*S');
    expect(dimMul('S', 'N')).toBe('N*S');
    expect(dimSub('N', 'N')).toBe(0);
    expect(dimAdd(dimMul(2, 'N'), -3)).toBe('2*N-3');
  });
  it('divides exactly when it can', () => {
    expect(dimFloorDiv(dimMul('N', 150528), 'N')).toBe(150528);
    expect(dimFloorDiv(dimProduct(['B', 'S', 768]), dimProduct(['B', 'S', 12]))).toBe(64);
    expect(dimFloorDiv('2*N', 2)).toBe('N');
    expect(dimFloorDiv('N', 2)).toBe('floor(N/2)');
    expect(dimCeilDiv('N', 2)).toBe('ceil(N/2)');
    expect(dimFloorDiv(7, 2)).toBe(3);
  });
  it('treats unknown dims as absorbing and compares symbolically', () => {
    expect(dimAdd(null, 1)).toBeNull();
    expect(dimMul(null, 0)).toBe(0);
    expect(dimEquals('N+N', '2*N')).toBe(true);
    expect(dimEquals('N', 'M')).toBe(false);
    expect(dimEquals(null, null)).toBe(false);
  });
  it('leaves foreign names as atoms', () => {
    expect(dimAdd('batch_size', 1)).toBe('batch_size+1');
    expect(dimAdd('past_sequence_length + 1', 1)).toBe('past_sequence_length+2');
  });
  it('reads back the differences it writes', () => {
    expect(dimMul(dimAdd('N', -1), 2)).toBe('2*N-2');
    expect(dimAdd(dimAdd('N', -1), 1)).toBe('N');
    expect(dimFloorDiv(dimSub('L', 16), 8)).toBe('floor((L-16)/8)');
  });
});

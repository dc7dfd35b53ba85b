import { describe, expect, it } from 'vitest';
import { float8e4m3fn, float8e4m3fnuz, float8e5m2fnuz } from '../../../src/ir/float-formats.js';

describe('float8 FNUZ codecs', () => {
  it('keep the sign of negative numbers', () => {
    expect(float8e4m3fnuz.encode(-0.5)).toBe(0x80 | float8e4m3fnuz.encode(0.5));
    expect(float8e4m3fnuz.decode[float8e4m3fnuz.encode(-0.4)]).toBeCloseTo(-0.40625, 6);
    expect(float8e5m2fnuz.decode[float8e5m2fnuz.encode(-3)]).toBe(-3);
    // Saturation keeps the sign; the largest magnitude of e4m3fnuz is 240.
    expect(float8e4m3fnuz.decode[float8e4m3fnuz.encode(-1e6, true)]).toBe(-240);
    expect(float8e4m3fnuz.encode(-240)).toBe(0xff);
  });
  it('map negative zero and negative values that round to zero to +0, not to NaN (0x80)', () => {
    expect(float8e4m3fnuz.encode(-0)).toBe(0);
    expect(float8e4m3fnuz.encode(-1e-9)).toBe(0);
    expect(float8e5m2fnuz.encode(-1e-12)).toBe(0);
  });
  it('encode NaN and non-saturated overflow as 0x80', () => {
    expect(float8e4m3fnuz.encode(NaN)).toBe(0x80);
    expect(float8e4m3fnuz.encode(-1e6, false)).toBe(0x80);
  });
  it('keep negative zero in the FN format', () => {
    expect(float8e4m3fn.encode(-0)).toBe(0x80);
  });
});

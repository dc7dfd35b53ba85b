import { describe, expect, it } from 'vitest';
import { f32ToE8m0, float8e4m3fn, float8e4m3fnuz, float8e5m2fnuz } from '../../../src/ir/float-formats.js';

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

describe('float8e8m0 encoder below 2^-126 (float32 subnormals)', () => {
  const min = 2 ** -127;
  it('keeps the minimum 2^-127 exact in every rounding mode', () => {
    for (const mode of ['up', 'down', 'nearest'] as const) expect(f32ToE8m0(min, true, mode)).toBe(0);
  });
  it('rounds between 2^-127 and 2^-126 by value', () => {
    expect(f32ToE8m0(1.25 * min, true, 'up')).toBe(1);
    expect(f32ToE8m0(1.25 * min, true, 'down')).toBe(0);
    expect(f32ToE8m0(1.25 * min, true, 'nearest')).toBe(0);
    expect(f32ToE8m0(1.5 * min, true, 'nearest')).toBe(1);
  });
  it('saturates values below the minimum to it, or gives NaN without saturation (Cast-24 table)', () => {
    expect(f32ToE8m0(1e-45, true, 'up')).toBe(0);
    expect(f32ToE8m0(0.5 * min, true, 'nearest')).toBe(0);
    expect(f32ToE8m0(1e-45, false, 'nearest')).toBe(0xff);
    expect(f32ToE8m0(0.5 * min, false, 'down')).toBe(0xff);
    expect(f32ToE8m0(0, false, 'nearest')).toBe(0xff);
    expect(f32ToE8m0(0, true, 'up')).toBe(0);
  });
});

import Long from 'long';
import { describe, expect, it } from 'vitest';
import { intOrBig, safeInt, toInt64 } from '../../../src/io/int64.js';

describe('int64 at the I/O boundary', () => {
  it('reads every int64 that fits a double exactly as a number', () => {
    for (const c of [0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 32, -(2 ** 32), 2 ** 32 - 1, -(2 ** 31), 123456789012345]) {
      expect(safeInt(Long.fromNumber(c), 'x')).toBe(c);
      expect(intOrBig(Long.fromNumber(c))).toBe(c);
    }
  });
  it('refuses unsafe dims and keeps unsafe attribute ints exact as bigints', () => {
    for (const s of ['9007199254740992', '-9007199254740992', '9223372036854775807', '-9223372036854775808']) {
      expect(() => safeInt(Long.fromString(s), 'a dim')).toThrow(/beyond the exactly representable range/);
      expect(intOrBig(Long.fromString(s))).toBe(BigInt(s));
    }
  });
  it('writes numbers and bigints back exactly, clamping doubles beyond int64', () => {
    expect(toInt64(2n ** 63n - 1n).toString()).toBe('9223372036854775807');
    expect(toInt64(-5).toString()).toBe('-5');
    expect(toInt64(2 ** 63).toString()).toBe('9223372036854775807');
  });
});

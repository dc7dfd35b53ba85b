/**
 * int64 conversions, done once at the I/O boundary. protobufjs hands 64-bit fields over as
 * Long objects; the IR uses numbers where a double is exact and bigint where it is not.
 */
import Long from 'long';
import { OnnxError } from '../util/errors.js';

export type Int64Like = Long | number | bigint | string;


function toLong(v: Int64Like, unsigned = false): Long {
  if (Long.isLong(v)) return v as Long;
  if (typeof v === 'number') return Long.fromNumber(v, unsigned);
  return Long.fromString(String(v), unsigned);
}

/**
 * The value of a Long when it fits a double exactly (|v| < 2^53), else undefined. Reads the two
 * 32-bit halves directly: Long's own comparisons allocate, and dims are read by the million.
 */
function exactNumber(l: Long): number | undefined {
  const h = l.high;
  const lo = l.low >>> 0;
  if ((h > -0x200000 && h < 0x200000) || (h === -0x200000 && lo !== 0)) return h * 4294967296 + lo;
  return undefined;
}

/** An int64 that must fit a double exactly (dims, counts); throws E_INT64_RANGE otherwise. */
export function safeInt(v: Int64Like | null | undefined, what: string): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  const l = toLong(v);
  const n = exactNumber(l);
  if (n === undefined) {
    throw new OnnxError('E_INT64_RANGE', `${what} is ${l.toString()}, beyond the exactly representable range ±2^53`);
  }
  return n;
}

/** An int64 as a number when exact, else as a bigint (attribute ints such as INT64_MAX). */
export function intOrBig(v: Int64Like | null | undefined): number | bigint {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  const l = toLong(v);
  return exactNumber(l) ?? BigInt(l.toString());
}

/** A number or bigint back to a Long for the writer. */
export function toInt64(v: number | bigint): Long {
  if (typeof v === 'bigint') return Long.fromString(v.toString());
  if (!Number.isInteger(v)) throw new OnnxError('E_INVALID_ARG', `expected an integer, got ${v}`);
  if (v >= 2 ** 63) return Long.MAX_VALUE;
  if (v < -(2 ** 63)) return Long.MIN_VALUE;
  return Long.fromNumber(v);
}

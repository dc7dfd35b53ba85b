/**
 * Tensors of any numeric type from plain numbers, and their values back as numbers, for the
 * elementwise math and logic op tests.
 */
import { DataType } from '../../src/ir/dtype.js';
import { Tensor } from '../../src/ir/tensor.js';
import { encodeFloats, toFloat64 } from '../../src/ops/helpers/convert.js';
import type { RtValue } from '../../src/ops/values.js';

/** A tensor of `dtype` from numbers (narrow floats rounded to nearest even; bigints for 64-bit ints). */
export function tensor(dtype: DataType, dims: readonly number[], data: readonly (number | bigint)[]): Tensor {
  if (dtype === DataType.INT64) return Tensor.fromData(dtype, dims, BigInt64Array.from(data, (x) => BigInt(x)));
  if (dtype === DataType.UINT64) return Tensor.fromData(dtype, dims, BigUint64Array.from(data, (x) => BigInt(x)));
  return Tensor.fromData(dtype, dims, encodeFloats(dtype, data.map(Number)));
}

/** A tensor of strings. */
export function strings(dims: readonly number[], data: readonly string[]): Tensor {
  return Tensor.fromData(DataType.STRING, dims, [...data]);
}

/** A bool tensor. */
export function bools(dims: readonly number[], data: readonly (boolean | number)[]): Tensor {
  return Tensor.fromData(DataType.BOOL, dims, Uint8Array.from(data, (x) => (x ? 1 : 0)));
}

/** Decoded values (narrow floats as their float values). */
export function nums(v: RtValue | undefined): number[] {
  return Array.from(toFloat64(v as Tensor));
}

/** Exact values of a 64-bit integer tensor. */
export function bigs(v: RtValue | undefined): bigint[] {
  return Array.from((v as Tensor).data() as BigInt64Array);
}

/** Raw stored elements (bits of narrow floats, 0/1 of bools). */
export function raw(v: RtValue | undefined): number[] {
  return Array.from((v as Tensor).data() as Uint16Array);
}

export function dtypeOf(v: RtValue | undefined): DataType {
  return (v as Tensor).dtype;
}

export function dimsOf(v: RtValue | undefined): readonly number[] {
  return (v as Tensor).dims;
}

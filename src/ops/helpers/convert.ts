/**
 * Conversions between tensors and the plain arrays kernels compute on. Narrow float types
 * (float16, bfloat16, float8, float4) are computed in float32 and rounded back once.
 */
import { DataType, dtypeInfo, dtypeName, type TensorData, type TypedArray } from '../../ir/dtype.js';
import {
  bf16ToF32,
  e8m0ToF32,
  f16Lookup,
  f32ToBf16,
  f32ToE8m0,
  f32ToF16,
  float4e2m1,
  float8e4m3fn,
  float8e4m3fnuz,
  float8e5m2,
  float8e5m2fnuz,
  type SmallFloatCodecT,
} from '../../ir/float-formats.js';
import { Tensor } from '../../ir/tensor.js';
import { OnnxError } from '../../util/errors.js';

const SMALL_CODECS: Partial<Record<DataType, SmallFloatCodecT>> = {
  [DataType.FLOAT8E4M3FN]: float8e4m3fn,
  [DataType.FLOAT8E4M3FNUZ]: float8e4m3fnuz,
  [DataType.FLOAT8E5M2]: float8e5m2,
  [DataType.FLOAT8E5M2FNUZ]: float8e5m2fnuz,
  [DataType.FLOAT4E2M1]: float4e2m1,
};

/** Types stored as bits and computed in float32. */
export function isNarrowFloat(t: DataType): boolean {
  return t === DataType.FLOAT16 || t === DataType.BFLOAT16 || t === DataType.FLOAT8E8M0 || SMALL_CODECS[t] !== undefined;
}

/** Element count of a shape. */
export function sizeOf(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/**
 * The values of a numeric tensor as float32. float32 data is returned as is (a view: never write
 * to it); narrow floats are decoded; other numeric types are converted.
 */
export function toFloat32(t: Tensor): Float32Array {
  const d = t.data();
  if (t.dtype === DataType.FLOAT) return d as Float32Array;
  return decodeToFloat(t.dtype, d, new Float32Array(d.length)) as Float32Array;
}

/** Like toFloat32, but float64 stays float64 (so double tensors keep their precision). */
export function toFloat(t: Tensor): Float32Array | Float64Array {
  if (t.dtype === DataType.DOUBLE) return t.data() as Float64Array;
  return toFloat32(t);
}

/** The values of a numeric tensor as float64 (exact for every type but 64-bit ints beyond 2^53). */
export function toFloat64(t: Tensor): Float64Array {
  const d = t.data();
  if (t.dtype === DataType.DOUBLE) return d as Float64Array;
  return decodeToFloat(t.dtype, d, new Float64Array(d.length)) as Float64Array;
}

function decodeToFloat(dtype: DataType, d: TensorData, out: Float32Array | Float64Array): Float32Array | Float64Array {
  if (Array.isArray(d)) throw new OnnxError('E_KERNEL', `cannot compute on ${dtypeName(dtype)} values as numbers`);
  const n = d.length;
  switch (dtype) {
    case DataType.FLOAT16: {
      const table = f16Lookup();
      for (let i = 0; i < n; i++) out[i] = table[d[i] as number]!;
      return out;
    }
    case DataType.BFLOAT16:
      for (let i = 0; i < n; i++) out[i] = bf16ToF32(d[i] as number);
      return out;
    case DataType.FLOAT8E8M0:
      for (let i = 0; i < n; i++) out[i] = e8m0ToF32(d[i] as number);
      return out;
    case DataType.INT64:
    case DataType.UINT64:
      for (let i = 0; i < n; i++) out[i] = Number(d[i]);
      return out;
    default: {
      const codec = SMALL_CODECS[dtype];
      if (codec) {
        for (let i = 0; i < n; i++) out[i] = codec.decode[d[i] as number]!;
        return out;
      }
      for (let i = 0; i < n; i++) out[i] = d[i] as number;
      return out;
    }
  }
}

/**
 * Encodes float values into the storage of `dtype` (rounding to nearest even for narrow floats,
 * truncating toward zero for integer types, wrapping like C casts). `saturate` applies to float8.
 */
export function encodeFloats(
  dtype: DataType,
  values: ArrayLike<number>,
  opts: { saturate?: boolean; roundMode?: 'up' | 'down' | 'nearest' } = {},
): TypedArray {
  const n = values.length;
  const info = dtypeInfo(dtype);
  switch (dtype) {
    case DataType.FLOAT:
      return values instanceof Float32Array ? values : new Float32Array(values);
    case DataType.DOUBLE:
      return values instanceof Float64Array ? values : new Float64Array(values);
    case DataType.FLOAT16: {
      const out = new Uint16Array(n);
      for (let i = 0; i < n; i++) out[i] = f32ToF16(values[i]!);
      return out;
    }
    case DataType.BFLOAT16: {
      const out = new Uint16Array(n);
      for (let i = 0; i < n; i++) out[i] = f32ToBf16(values[i]!);
      return out;
    }
    case DataType.FLOAT8E8M0: {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = f32ToE8m0(values[i]!, opts.saturate ?? true, opts.roundMode ?? 'up');
      return out;
    }
    case DataType.INT64: {
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) out[i] = floatToBigInt(values[i]!);
      return out;
    }
    case DataType.UINT64: {
      const out = new BigUint64Array(n);
      for (let i = 0; i < n; i++) out[i] = BigInt.asUintN(64, floatToBigInt(values[i]!));
      return out;
    }
    case DataType.BOOL: {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = values[i] ? 1 : 0;
      return out;
    }
    default: {
      const codec = SMALL_CODECS[dtype];
      if (codec) {
        const out = new Uint8Array(n);
        const sat = opts.saturate ?? true;
        for (let i = 0; i < n; i++) out[i] = codec.encode(values[i]!, sat);
        return out;
      }
      if (!info.array || info.lanes !== 1) throw new OnnxError('E_KERNEL', `cannot store numbers as ${dtypeName(dtype)}`);
      const out = new info.array(n) as Exclude<TypedArray, BigInt64Array | BigUint64Array>;
      if (info.bits < 8) {
        const bits = info.bits;
        const mask = (1 << bits) - 1;
        const signBit = 1 << (bits - 1);
        for (let i = 0; i < n; i++) {
          let v = Math.trunc(values[i]!) & mask;
          if (info.isSigned && v & signBit) v -= 1 << bits;
          out[i] = v;
        }
        return out;
      }
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        out[i] = Number.isFinite(v) ? Math.trunc(v) : 0;
      }
      return out;
    }
  }
}

function floatToBigInt(v: number): bigint {
  if (!Number.isFinite(v)) return v > 0 ? 0x7fffffffffffffffn : v < 0 ? -0x8000000000000000n : 0n;
  return BigInt(Math.trunc(v));
}

/** A tensor of `dtype` from float values (see encodeFloats). */
export function tensorFromFloats(
  dtype: DataType,
  dims: readonly number[],
  values: ArrayLike<number>,
  opts?: { saturate?: boolean },
): Tensor {
  return Tensor.fromData(dtype, dims, encodeFloats(dtype, values, opts));
}

/** Integer tensor values (int8...int64, uint*, bool) as JS numbers; throws past 2^53. */
export function toInts(t: Tensor): number[] {
  const d = t.data();
  if (Array.isArray(d)) throw new OnnxError('E_KERNEL', `expected integers, got ${dtypeName(t.dtype)} values`);
  const out = new Array<number>(d.length);
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (typeof v === 'bigint') {
      const n = Number(v);
      // Int64 bounds (INT64_MAX as "to the end" in Slice) are kept as +/-Infinity-like large numbers.
      out[i] = n;
    } else out[i] = v;
  }
  return out;
}

/** A scalar (or single-element) tensor's value as a number. */
export function scalarOf(t: Tensor): number {
  if (t.size !== 1) throw new OnnxError('E_KERNEL', `expected a single value, got a tensor of shape [${t.dims.join(',')}]`);
  const v = t.data()[0]!;
  if (typeof v === 'string') throw new OnnxError('E_KERNEL', 'expected a number, got a string');
  if (typeof v === 'bigint') return Number(v);
  return isNarrowFloat(t.dtype) ? toFloat32(t)[0]! : v;
}

/** A 1-D int64 tensor from numbers. */
export function int64Tensor(values: readonly number[], dims: readonly number[] = [values.length]): Tensor {
  return Tensor.fromData(DataType.INT64, dims, BigInt64Array.from(values, (v) => BigInt(v)));
}

/** A tensor of `dtype` holding `values` converted with C-cast semantics (used by Range, OneHot ...). */
export function tensorOfType(dtype: DataType, dims: readonly number[], values: ArrayLike<number>): Tensor {
  return tensorFromFloats(dtype, dims, values);
}

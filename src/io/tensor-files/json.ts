/**
 * Tensors as JSON: `{"dtype": "float32", "shape": [2, 2], "data": [[1, 2], [3, 4]]}`. `data` is
 * flat or nested; `shape` defaults to the nesting; `dtype` defaults to what the caller expects
 * (the model's input type), else float32. Non-finite floats are the strings "NaN", "Infinity",
 * "-Infinity"; 64-bit integers beyond 2^53 are decimal strings; complex elements are [re, im].
 * A bare array is read as `data`.
 */
import { DataType, allocData, dtypeInfo, dtypeName, parseDtype, type TensorData } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { encodeFloats, isNarrowFloat, toFloat64 } from '../../ops/helpers/convert.js';
import { OnnxError } from '../../util/errors.js';

function bad(file: string, what: string): OnnxError {
  return new OnnxError('E_TENSOR_FILE', `"${file}" is not a valid JSON tensor: ${what}`, {
    path: file,
    hint: 'write {"dtype": "float32", "shape": [2, 2], "data": [1, 2, 3, 4]}',
  });
}

/** Flattens nested arrays, checking they are rectangular; returns the leaves and the nested shape. */
function flatten(data: unknown, file: string): { leaves: unknown[]; shape: number[] } {
  if (!Array.isArray(data)) return { leaves: [data], shape: [] };
  const leaves: unknown[] = [];
  const shape: number[] = [];
  const walk = (x: unknown, depth: number, path: string): void => {
    if (Array.isArray(x)) {
      if (depth === shape.length) {
        if (depth > 0 && leaves.length > 0) throw bad(file, `"data${path}" is a list where numbers were found before`);
        shape.push(x.length);
      } else if (depth > shape.length || shape[depth] !== x.length) {
        throw bad(file, `"data${path}" has ${x.length} elements where ${shape[depth] ?? 'none'} were expected (nested lists must be rectangular)`);
      }
      x.forEach((y, i) => walk(y, depth + 1, `${path}[${i}]`));
      return;
    }
    if (depth !== shape.length) throw bad(file, `"data${path}" is a number where a list was expected (nested lists must be rectangular)`);
    leaves.push(x);
  };
  walk(data, 0, '');
  return { leaves, shape };
}

const SPECIAL: Record<string, number> = { nan: NaN, infinity: Infinity, '+infinity': Infinity, '-infinity': -Infinity, inf: Infinity, '+inf': Infinity, '-inf': -Infinity };

function toNumber(x: unknown, i: number, file: string): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'string') {
    const s = SPECIAL[x.trim().toLowerCase()];
    if (s !== undefined) return s;
    const n = Number(x);
    if (x.trim() !== '' && !Number.isNaN(n)) return n;
  }
  throw bad(file, `element ${i} is ${JSON.stringify(x)}, not a number`);
}

function toBigInt(x: unknown, i: number, file: string, unsigned: boolean): bigint {
  let v: bigint;
  if (typeof x === 'number') {
    if (!Number.isSafeInteger(x)) throw bad(file, `element ${i} is ${x}, not an exact integer (write 64-bit values beyond 2^53 as strings)`);
    v = BigInt(x);
  } else if (typeof x === 'string' && /^[-+]?\d+$/.test(x.trim())) v = BigInt(x.trim());
  else if (typeof x === 'boolean') v = x ? 1n : 0n;
  else throw bad(file, `element ${i} is ${JSON.stringify(x)}, not an integer`);
  const lo = unsigned ? 0n : -(2n ** 63n);
  const hi = unsigned ? 2n ** 64n - 1n : 2n ** 63n - 1n;
  if (v < lo || v > hi) throw bad(file, `element ${i} is ${v}, outside the ${unsigned ? 'uint64' : 'int64'} range`);
  return v;
}

function intRange(dtype: DataType): [number, number] {
  const info = dtypeInfo(dtype);
  const bits = info.bits;
  return info.isSigned ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, 2 ** bits - 1];
}

function fill(dtype: DataType, leaves: unknown[], file: string): TensorData {
  const n = leaves.length;
  if (dtype === DataType.STRING) {
    return leaves.map((x, i) => {
      if (typeof x !== 'string') throw bad(file, `element ${i} is ${JSON.stringify(x)}, not a string`);
      return x;
    });
  }
  if (dtype === DataType.INT64 || dtype === DataType.UINT64) {
    const out = allocData(dtype, n) as BigInt64Array | BigUint64Array;
    for (let i = 0; i < n; i++) out[i] = toBigInt(leaves[i], i, file, dtype === DataType.UINT64);
    return out;
  }
  const nums = new Float64Array(n);
  for (let i = 0; i < n; i++) nums[i] = toNumber(leaves[i], i, file);
  const info = dtypeInfo(dtype);
  if (dtype === DataType.BOOL) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (nums[i] !== 0 && nums[i] !== 1) throw bad(file, `element ${i} is ${nums[i]}, not a bool (true, false, 0 or 1)`);
      out[i] = nums[i]!;
    }
    return out;
  }
  if (info.isInt) {
    const [lo, hi] = intRange(dtype);
    for (let i = 0; i < n; i++) {
      const v = nums[i]!;
      if (!Number.isInteger(v) || v < lo || v > hi) throw bad(file, `element ${i} is ${v}, not a ${dtypeName(dtype)} integer`);
    }
  }
  if (dtype === DataType.COMPLEX64) return Float32Array.from(nums);
  if (dtype === DataType.COMPLEX128) return nums;
  return encodeFloats(dtype, nums);
}

/** Parses a JSON tensor. `expected` is the dtype the model wants there (used when "dtype" is absent). */
export function decodeJsonTensor(text: string, file = '<json>', expected?: DataType): Tensor {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw bad(file, `it is not JSON (${(e as Error).message})`);
  }
  const obj: Record<string, unknown> = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : { data: doc };
  if (!('data' in obj)) throw bad(file, 'it has no "data" field');
  let dtype: DataType = expected || DataType.FLOAT;
  if (obj.dtype !== undefined) {
    const d = typeof obj.dtype === 'string' ? parseDtype(obj.dtype) : undefined;
    if (d === undefined) throw bad(file, `"dtype" is ${JSON.stringify(obj.dtype)}, not a known type name (float32, int64, bool, string ...)`);
    dtype = d;
  }
  const { leaves, shape: nested } = flatten(obj.data, file);
  const lanes = dtypeInfo(dtype).lanes;
  // Complex data may be a list of [re, im] pairs: the last nesting level is then not a dimension.
  const pairs = lanes === 2 && nested.length > 0 && nested[nested.length - 1] === 2;
  const elemNested = pairs ? nested.slice(0, -1) : nested;
  let shape: number[];
  if (obj.shape !== undefined) {
    if (!Array.isArray(obj.shape) || !obj.shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
      throw bad(file, `"shape" is ${JSON.stringify(obj.shape)}, not a list of non-negative integers`);
    }
    shape = obj.shape as number[];
  } else shape = elemNested;
  const count = shape.reduce((a, b) => a * b, 1);
  if (leaves.length !== count * lanes) {
    throw bad(file, `"data" has ${leaves.length} numbers, shape [${shape.join(',')}] needs ${count * lanes}`);
  }
  const flat = elemNested.length <= 1;
  if (!flat && (elemNested.length !== shape.length || elemNested.some((d, i) => d !== shape[i]))) {
    throw bad(file, `nested "data" has shape [${elemNested.join(',')}], "shape" says [${shape.join(',')}]`);
  }
  return Tensor.fromData(dtype, shape, fill(dtype, leaves, file));
}

function jsonNumber(v: number): number | string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return v;
}

/** Encodes a tensor as a JSON document with nested data (see the module doc for the spelling). */
export function encodeJsonTensor(t: Tensor): string {
  const d = t.data();
  const lanes = dtypeInfo(t.dtype).lanes;
  let flat: unknown[];
  if (Array.isArray(d)) flat = d;
  else if (t.dtype === DataType.BOOL) flat = Array.from(d as Uint8Array, (x) => x !== 0);
  else if (t.dtype === DataType.INT64 || t.dtype === DataType.UINT64) {
    flat = Array.from(d as BigInt64Array, (x) => (Number.isSafeInteger(Number(x)) ? Number(x) : x.toString()));
  } else {
    const f = isNarrowFloat(t.dtype) ? toFloat64(t) : d;
    flat = Array.from(f as ArrayLike<number>, jsonNumber);
    if (lanes === 2) flat = Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]);
  }
  const nest = (start: number, dim: number): unknown => {
    if (dim === t.dims.length) return flat[start];
    const stride = t.dims.slice(dim + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: t.dims[dim]! }, (_, i) => nest(start + i * stride, dim + 1));
  };
  const doc = { dtype: dtypeName(t.dtype), shape: t.dims, data: nest(0, 0) };
  return `${JSON.stringify(doc)}\n`;
}

/**
 * Seeded random values for model inputs that were not given. Floats are uniform in [lo, hi)
 * (default [0, 1)), integers uniform in [ceil(lo), floor(hi)] (default [0, 9]) clipped to the
 * type, bools fair coins, strings short lowercase words. Symbolic dims take the size fixed by
 * `--shape`, by an input read from a file, or 1.
 */
import { DataType, allocData, dtypeInfo, dtypeName } from '../ir/dtype.js';
import { Tensor } from '../ir/tensor.js';
import { shapeString, type Dim, type ValueType } from '../ir/types.js';
import type { Value } from '../ir/value.js';
import { encodeFloats } from '../ops/helpers/convert.js';
import { OptionalValue, SequenceValue, type RtValue } from '../ops/values.js';
import { OnnxError } from '../util/errors.js';
import { mulberry32 } from './random.js';

export interface RandomInputOptions {
  seed: number;
  /** Value range for every generated input (the defaults above when absent). */
  range?: readonly [number, number];
  /** `--shape NAME=d0,d1,...`: a full shape for an input, or the size of a symbolic dim. */
  shapes?: ReadonlyMap<string, readonly number[]>;
  /** Sizes of symbolic dims already fixed (by inputs read from files). */
  symbols?: ReadonlyMap<string, number>;
}

/** Sizes of the symbolic dims of `inputs` as the given values fix them. */
export function symbolsFromValues(inputs: readonly Value[], values: ReadonlyMap<string, RtValue>): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of inputs) {
    const x = values.get(v.name);
    if (!(x instanceof Tensor) || v.type?.kind !== 'tensor' || !v.type.shape) continue;
    v.type.shape.forEach((d, i) => {
      if (typeof d === 'string' && x.dims[i] !== undefined && !out.has(d)) out.set(d, x.dims[i]!);
    });
  }
  return out;
}

/** The concrete shape an input gets: `--shape` for it, else its declared dims with symbols resolved. */
export function concreteShape(v: Value, declared: readonly Dim[] | undefined, o: RandomInputOptions, symbols: Map<string, number>): number[] {
  const given = o.shapes?.get(v.name);
  if (given) {
    if (declared) {
      if (declared.length !== given.length) {
        throw new OnnxError('E_INPUT', `--shape ${v.name}=${given.join(',')} has rank ${given.length}, the input is declared ${shapeString(declared)} (rank ${declared.length})`, {
          value: v.name,
        });
      }
      declared.forEach((d, i) => {
        if (typeof d === 'number' && d !== given[i]) {
          throw new OnnxError('E_INPUT', `--shape ${v.name}=${given.join(',')} sets dim ${i} to ${given[i]}, the input is declared ${shapeString(declared)}`, {
            value: v.name,
          });
        }
        if (typeof d === 'string' && !symbols.has(d)) symbols.set(d, given[i]!);
      });
    }
    return [...given];
  }
  if (!declared) return [];
  return declared.map((d) => {
    if (typeof d === 'number') return d;
    if (typeof d === 'string') {
      const s = symbols.get(d) ?? 1;
      symbols.set(d, s);
      return s;
    }
    return 1;
  });
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A random tensor of `dtype` and `dims`. */
export function randomTensor(dtype: DataType, dims: readonly number[], rand: () => number, range?: readonly [number, number]): Tensor {
  const count = dims.reduce((a, b) => a * b, 1);
  const info = dtypeInfo(dtype);
  if (dtype === DataType.STRING) {
    const out = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      const len = 1 + Math.floor(rand() * 8);
      let s = '';
      for (let k = 0; k < len; k++) s += LETTERS[Math.floor(rand() * 26)];
      out[i] = s;
    }
    return Tensor.fromData(dtype, dims, out);
  }
  if (dtype === DataType.BOOL) {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = rand() < 0.5 ? 1 : 0;
    return Tensor.fromData(dtype, dims, out);
  }
  if (info.isInt) {
    const bits = info.bits;
    const tmin = info.isSigned ? -(2 ** (bits - 1)) : 0;
    const tmax = info.isSigned ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
    const lo = Math.max(tmin, Math.ceil(range ? range[0] : 0));
    const hi = Math.min(tmax, Math.floor(range ? range[1] : 9));
    if (lo > hi) {
      throw new OnnxError('E_INVALID_ARG', `--value-range ${range?.join(',')} holds no ${dtypeName(dtype)} value`, { hint: 'give a range that contains an integer of the type' });
    }
    const span = hi - lo + 1;
    if (dtype === DataType.INT64 || dtype === DataType.UINT64) {
      const out = allocData(dtype, count) as BigInt64Array | BigUint64Array;
      for (let i = 0; i < count; i++) out[i] = BigInt(lo + Math.floor(rand() * span));
      return Tensor.fromData(dtype, dims, out);
    }
    const out = allocData(dtype, count) as Exclude<ReturnType<typeof allocData>, string[] | BigInt64Array | BigUint64Array>;
    for (let i = 0; i < count; i++) out[i] = lo + Math.floor(rand() * span);
    return Tensor.fromData(dtype, dims, out);
  }
  const lo = range ? range[0] : 0;
  const hi = range ? range[1] : 1;
  const n = count * info.lanes;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = lo + rand() * (hi - lo);
  if (dtype === DataType.COMPLEX64) return Tensor.fromData(dtype, dims, Float32Array.from(values));
  if (dtype === DataType.COMPLEX128) return Tensor.fromData(dtype, dims, values);
  if (!info.isFloat) throw new OnnxError('E_UNSUPPORTED_DTYPE', `cannot generate random ${dtypeName(dtype)} values`);
  return Tensor.fromData(dtype, dims, encodeFloats(dtype, values));
}

function randomValue(v: Value, t: ValueType | undefined, o: RandomInputOptions, symbols: Map<string, number>, rand: () => number): RtValue {
  if (!t || t.kind === 'unset') {
    throw new OnnxError('E_INPUT', `input "${v.name}" has no declared type, so no random value can be made for it`, {
      value: v.name,
      hint: `give it with --input ${v.name}=FILE`,
    });
  }
  switch (t.kind) {
    case 'tensor': {
      if (!t.elemType) {
        throw new OnnxError('E_INPUT', `input "${v.name}" has no declared element type`, { value: v.name, hint: `give it with --input ${v.name}=FILE` });
      }
      return randomTensor(t.elemType, concreteShape(v, t.shape, o, symbols), rand, o.range);
    }
    case 'sequence': {
      const items = [0, 1].map(() => randomValue(v, t.elem, { ...o, shapes: new Map() }, symbols, rand));
      return new SequenceValue(t.elem, items);
    }
    case 'optional':
      return new OptionalValue(t.elem, randomValue(v, t.elem, o, symbols, rand));
    default:
      throw new OnnxError('E_UNSUPPORTED', `cannot generate a random ${t.kind} for input "${v.name}"`, {
        value: v.name,
        hint: `give it with --input ${v.name}=FILE.pb`,
      });
  }
}

/**
 * Random values for `inputs` (in order, from one generator, so a seed always gives the same
 * values for the same model).
 */
export function randomFeeds(inputs: readonly Value[], o: RandomInputOptions): Map<string, RtValue> {
  const rand = mulberry32(o.seed);
  const symbols = new Map(o.symbols ?? []);
  // Sizes given by --shape come first, so an earlier input does not default a symbol to 1.
  for (const [name, dims] of o.shapes ?? []) if (dims.length === 1 && !symbols.has(name) && !inputs.some((v) => v.name === name)) symbols.set(name, dims[0]!);
  for (const v of inputs) {
    const given = o.shapes?.get(v.name);
    const t = v.type;
    if (!given || t?.kind !== 'tensor' || !t.shape || t.shape.length !== given.length) continue;
    t.shape.forEach((d, i) => typeof d === 'string' && !symbols.has(d) && symbols.set(d, given[i]!));
  }
  const out = new Map<string, RtValue>();
  for (const v of inputs) out.set(v.name, randomValue(v, v.type, o, symbols, rand));
  return out;
}

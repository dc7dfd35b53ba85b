import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/ir/dtype.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { tensorType, type ValueType } from '../../../src/ir/types.js';
import { Value } from '../../../src/ir/value.js';
import { toFloat64 } from '../../../src/ops/helpers/convert.js';
import { OptionalValue, SequenceValue } from '../../../src/ops/values.js';
import { randomFeeds, randomTensor, symbolsFromValues } from '../../../src/runtime/random-inputs.js';
import { mulberry32 } from '../../../src/runtime/random.js';
import { OnnxError } from '../../../src/util/errors.js';

const input = (name: string, t: ValueType): Value => new Value(name, t);
const nums = (t: Tensor): number[] => Array.from(t.data() as ArrayLike<number | bigint>, Number);

function errorOf(f: () => unknown): OnnxError {
  try {
    f();
  } catch (e) {
    if (e instanceof OnnxError) return e;
    throw e;
  }
  throw new Error('expected an OnnxError');
}

describe('random inputs', () => {
  it('are the same for the same seed and differ for another', () => {
    const v = [input('x', tensorType(DataType.FLOAT, [4]))];
    const a = nums(randomFeeds(v, { seed: 1 }).get('x') as Tensor);
    expect(nums(randomFeeds(v, { seed: 1 }).get('x') as Tensor)).toEqual(a);
    expect(nums(randomFeeds(v, { seed: 2 }).get('x') as Tensor)).not.toEqual(a);
  });
  it('keep floats in [0, 1) and integers in [0, 9] by default', () => {
    const rand = mulberry32(3);
    const f = nums(randomTensor(DataType.DOUBLE, [500], rand));
    expect(Math.min(...f)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...f)).toBeLessThan(1);
    for (const dtype of [DataType.INT8, DataType.UINT16, DataType.INT32, DataType.INT64, DataType.UINT64]) {
      const v = nums(randomTensor(dtype, [500], rand));
      expect(new Set(v)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    }
  });
  it('follow --value-range, inclusive for integers and clipped to the type', () => {
    const rand = mulberry32(5);
    const f = nums(randomTensor(DataType.FLOAT, [400], rand, [-3, -2]));
    expect(Math.min(...f)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...f)).toBeLessThan(-2);
    expect(new Set(nums(randomTensor(DataType.INT32, [400], rand, [-1.5, 1.5])))).toEqual(new Set([-1, 0, 1]));
    expect(new Set(nums(randomTensor(DataType.UINT8, [400], rand, [-5, 1])))).toEqual(new Set([0, 1]));
    expect(errorOf(() => randomTensor(DataType.UINT8, [1], rand, [-5, -1])).message).toMatch(/--value-range -5,-1 holds no uint8 value/);
  });
  it('make bools, strings, narrow floats and complex values', () => {
    const rand = mulberry32(9);
    expect(new Set(nums(randomTensor(DataType.BOOL, [100], rand)))).toEqual(new Set([0, 1]));
    const s = randomTensor(DataType.STRING, [50], rand).data() as string[];
    expect(s.every((w) => /^[a-z]{1,8}$/.test(w))).toBe(true);
    const h = toFloat64(randomTensor(DataType.FLOAT16, [100], rand, [2, 4]));
    expect(Math.min(...h)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...h)).toBeLessThanOrEqual(4);
    const bf = toFloat64(randomTensor(DataType.BFLOAT16, [100], rand));
    expect(bf.every((x) => x >= 0 && x <= 1)).toBe(true);
    const c = randomTensor(DataType.COMPLEX64, [3], rand);
    expect((c.data() as Float32Array).length).toBe(6);
  });
  it('set symbolic dims to 1, or to the size --shape gives an input or a symbol', () => {
    const x = input('x', tensorType(DataType.FLOAT, ['N', 3, null]));
    const y = input('y', tensorType(DataType.FLOAT, ['N', 'M']));
    const plain = randomFeeds([x, y], { seed: 0 });
    expect((plain.get('x') as Tensor).dims).toEqual([1, 3, 1]);
    expect((plain.get('y') as Tensor).dims).toEqual([1, 1]);
    // --shape of a later input fixes N for an earlier one too.
    const given = randomFeeds([x, y], { seed: 0, shapes: new Map([['y', [5, 2]]]) });
    expect((given.get('x') as Tensor).dims).toEqual([5, 3, 1]);
    expect((given.get('y') as Tensor).dims).toEqual([5, 2]);
    const sym = randomFeeds([x, y], { seed: 0, shapes: new Map([['M', [7]]]), symbols: new Map([['N', 2]]) });
    expect((sym.get('y') as Tensor).dims).toEqual([2, 7]);
  });
  it('take symbol sizes from inputs read from files', () => {
    const x = input('x', tensorType(DataType.FLOAT, ['batch', 3]));
    expect(symbolsFromValues([x], new Map([['x', Tensor.zeros(DataType.FLOAT, [6, 3])]]))).toEqual(new Map([['batch', 6]]));
  });
  it('check --shape against the declared shape', () => {
    const x = input('x', tensorType(DataType.FLOAT, ['N', 3]));
    expect(errorOf(() => randomFeeds([x], { seed: 0, shapes: new Map([['x', [1, 4]]]) })).message).toBe('--shape x=1,4 sets dim 1 to 4, the input is declared [N,3]');
    expect(errorOf(() => randomFeeds([x], { seed: 0, shapes: new Map([['x', [1]]]) })).message).toBe('--shape x=1 has rank 1, the input is declared [N,3] (rank 2)');
  });
  it('make sequences and optionals of the declared element type', () => {
    const seq = randomFeeds([input('s', { kind: 'sequence', elem: tensorType(DataType.INT64, [2]) })], { seed: 0 }).get('s') as SequenceValue;
    expect(seq.items.length).toBe(2);
    expect((seq.items[0] as Tensor).dtype).toBe(DataType.INT64);
    const opt = randomFeeds([input('o', { kind: 'optional', elem: tensorType(DataType.FLOAT, [1]) })], { seed: 0 }).get('o') as OptionalValue;
    expect((opt.value as Tensor).dims).toEqual([1]);
  });
  it('refuse inputs without a type, and maps', () => {
    expect(errorOf(() => randomFeeds([new Value('u')], { seed: 0 })).message).toMatch(/input "u" has no declared type/);
    const m = errorOf(() => randomFeeds([input('m', { kind: 'map', keyType: DataType.INT64 })], { seed: 0 }));
    expect(m.code).toBe('E_UNSUPPORTED');
    expect(m.detail.hint).toBe('give it with --input m=FILE.pb');
  });
});

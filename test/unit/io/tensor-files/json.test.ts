import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { decodeJsonTensor, encodeJsonTensor } from '../../../../src/io/tensor-files/json.js';
import { OnnxError } from '../../../../src/util/errors.js';

function errorOf(f: () => unknown): OnnxError {
  try {
    f();
  } catch (e) {
    if (e instanceof OnnxError) return e;
    throw e;
  }
  throw new Error('expected an OnnxError');
}

const dec = (doc: unknown, expected?: DataType): Tensor => decodeJsonTensor(JSON.stringify(doc), 't.json', expected);

describe('JSON tensors', () => {
  it('reads flat data with a shape', () => {
    const t = dec({ dtype: 'float32', shape: [2, 2], data: [1, 2, 3, 4] });
    expect(t.dtype).toBe(DataType.FLOAT);
    expect(t.dims).toEqual([2, 2]);
    expect(Array.from(t.data() as Float32Array)).toEqual([1, 2, 3, 4]);
  });
  it('takes the shape from nested data', () => {
    const t = dec({ dtype: 'int32', data: [[[1], [2]], [[3], [4]]] });
    expect(t.dims).toEqual([2, 2, 1]);
    expect(Array.from(t.data() as Int32Array)).toEqual([1, 2, 3, 4]);
  });
  it('accepts nested data that agrees with the shape, and scalars', () => {
    expect(dec({ dtype: 'float64', shape: [1, 2], data: [[0.5, -1]] }).dims).toEqual([1, 2]);
    const s = dec({ dtype: 'int64', shape: [], data: 7 });
    expect(s.dims).toEqual([]);
    expect(s.data()).toEqual(BigInt64Array.from([7n]));
  });
  it('defaults the dtype to the one the model expects, else float32', () => {
    expect(dec([1, 2], DataType.INT64).dtype).toBe(DataType.INT64);
    expect(dec({ data: [1, 2] }).dtype).toBe(DataType.FLOAT);
    expect(dec({ dtype: 'uint8', data: [1, 2] }, DataType.INT64).dtype).toBe(DataType.UINT8);
  });
  it('reads 64-bit integers exactly from strings', () => {
    const t = dec({ dtype: 'int64', data: ['-9223372036854775808', '9223372036854775807', 5] });
    expect(Array.from(t.data() as BigInt64Array)).toEqual([-(2n ** 63n), 2n ** 63n - 1n, 5n]);
    const u = dec({ dtype: 'uint64', data: ['18446744073709551615'] });
    expect(u.data()).toEqual(BigUint64Array.from([2n ** 64n - 1n]));
  });
  it('reads bools, strings and non-finite floats', () => {
    expect(Array.from(dec({ dtype: 'bool', data: [true, false, 1, 0] }).data() as Uint8Array)).toEqual([1, 0, 1, 0]);
    expect(dec({ dtype: 'string', data: [['a', 'b']] }).data()).toEqual(['a', 'b']);
    const f = dec({ dtype: 'float32', data: ['NaN', 'Infinity', '-inf', 2] }).data() as Float32Array;
    expect(Number.isNaN(f[0])).toBe(true);
    expect([f[1], f[2], f[3]]).toEqual([Infinity, -Infinity, 2]);
  });
  it('rounds float16 and bfloat16 once from the decimal value', () => {
    expect(Array.from(dec({ dtype: 'float16', data: [1, -2, 65504, 1e-8] }).data() as Uint16Array)).toEqual([0x3c00, 0xc000, 0x7bff, 0]);
    expect(Array.from(dec({ dtype: 'bfloat16', data: [1, -3] }).data() as Uint16Array)).toEqual([0x3f80, 0xc040]);
  });
  it('reads complex values as [re, im] pairs or interleaved with a shape', () => {
    const a = dec({ dtype: 'complex64', data: [[1, 2], [3, -4]] });
    expect(a.dims).toEqual([2]);
    expect(Array.from(a.data() as Float32Array)).toEqual([1, 2, 3, -4]);
    const b = dec({ dtype: 'complex128', shape: [2], data: [1, 2, 3, -4] });
    expect(Array.from(b.data() as Float64Array)).toEqual([1, 2, 3, -4]);
  });
  it.each([
    ['not JSON', '{"data": [1,', /it is not JSON/],
    ['no data', '{"dtype": "float32"}', /no "data" field/],
    ['bad dtype', '{"dtype": "float33", "data": [1]}', /"dtype" is "float33", not a known type name/],
    ['ragged', '{"data": [[1, 2], [3]]}', /"data\[1\]" has 1 elements where 2 were expected/],
    ['mixed depth', '{"data": [[1, 2], 3]}', /"data\[1\]" is a number where a list was expected/],
    ['count mismatch', '{"shape": [2, 2], "data": [1, 2, 3]}', /"data" has 3 numbers, shape \[2,2\] needs 4/],
    ['nesting mismatch', '{"shape": [3, 2], "data": [[1, 2, 3], [4, 5, 6]]}', /nested "data" has shape \[2,3\], "shape" says \[3,2\]/],
    ['bad shape', '{"shape": [-1], "data": [1]}', /"shape" is \[-1\], not a list of non-negative integers/],
    ['not a number', '{"data": [1, "x"]}', /element 1 is "x", not a number/],
    ['fractional int', '{"dtype": "int32", "data": [1.5]}', /element 0 is 1.5, not a int32 integer/],
    ['int8 overflow', '{"dtype": "int8", "data": [128]}', /element 0 is 128, not a int8 integer/],
    ['unsafe int64', '{"dtype": "int64", "data": [9007199254740993]}', /write 64-bit values beyond 2\^53 as strings/],
    ['uint64 negative', '{"dtype": "uint64", "data": ["-1"]}', /outside the uint64 range/],
    ['bool 2', '{"dtype": "bool", "data": [2]}', /element 0 is 2, not a bool/],
    ['string number', '{"dtype": "string", "data": [1]}', /element 0 is 1, not a string/],
  ])('%s is an E_TENSOR_FILE error', (_name, text, message) => {
    const e = errorOf(() => decodeJsonTensor(text, 'in/t.json'));
    expect(e.code).toBe('E_TENSOR_FILE');
    expect(e.message).toContain('"in/t.json" is not a valid JSON tensor');
    expect(e.message).toMatch(message);
  });
});

describe('encodeJsonTensor', () => {
  it.each<[DataType, number[], ArrayLike<unknown> | string[]]>([
    [DataType.FLOAT, [2, 2], Float32Array.from([1.5, NaN, Infinity, -0.25])],
    [DataType.DOUBLE, [3], Float64Array.from([0.1, -1e300, 3])],
    [DataType.INT64, [2], BigInt64Array.from([2n ** 62n + 1n, -3n])],
    [DataType.UINT64, [1], BigUint64Array.from([2n ** 64n - 1n])],
    [DataType.INT8, [1, 3], Int8Array.from([-128, 0, 127])],
    [DataType.BOOL, [2], Uint8Array.from([1, 0])],
    [DataType.FLOAT16, [2], Uint16Array.from([0x3c00, 0xfc00])],
    [DataType.STRING, [2, 1], ['x', 'ÿ']],
    [DataType.COMPLEX64, [2], Float32Array.from([1, 2, 3, 4])],
  ])('round-trips %s', (dtype, dims, data) => {
    const t = Tensor.fromData(dtype, dims, data as never);
    const back = decodeJsonTensor(encodeJsonTensor(t));
    expect(back.dtype).toBe(dtype);
    expect(back.dims).toEqual(dims);
    expect(Array.from(back.data() as ArrayLike<unknown>)).toEqual(Array.from(t.data() as ArrayLike<unknown>));
  });
  it('writes nested data and special values as strings', () => {
    const t = Tensor.fromData(DataType.FLOAT, [2, 2], Float32Array.from([1, NaN, -Infinity, 0.5]));
    expect(JSON.parse(encodeJsonTensor(t))).toEqual({ dtype: 'float32', shape: [2, 2], data: [[1, 'NaN'], ['-Infinity', 0.5]] });
    const big = Tensor.fromData(DataType.INT64, [2], BigInt64Array.from([1n, 2n ** 60n]));
    expect(JSON.parse(encodeJsonTensor(big)).data).toEqual([1, '1152921504606846976']);
  });
});

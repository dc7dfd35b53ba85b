import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { Value } from '../../../../src/ir/value.js';
import { readValueFile, sanitizeFileName, tensorFileFormat, writeValueFile } from '../../../../src/io/tensor-files/index.js';
import { readFeedFiles } from '../../../../src/io/tensor-files/inputs.js';
import { readReferenceOutputs } from '../../../../src/io/tensor-files/references.js';
import { encodeNpz } from '../../../../src/io/tensor-files/npz.js';
import { SequenceValue } from '../../../../src/ops/values.js';
import { onnx } from '../../../../src/io/proto.js';
import { OnnxError } from '../../../../src/util/errors.js';
import { REPO_ROOT } from '../../../helpers/backend-tests.js';

const RUN = path.join(REPO_ROOT, 'fixtures/run');
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-tensor-files-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function errorOf(f: () => unknown): OnnxError {
  try {
    f();
  } catch (e) {
    if (e instanceof OnnxError) return e;
    throw e;
  }
  throw new Error('expected an OnnxError');
}

const f32 = (dims: number[], data: number[]): Tensor => Tensor.fromData(DataType.FLOAT, dims, Float32Array.from(data));
const values = (t: unknown): number[] => Array.from((t as Tensor).data() as Float32Array);

describe('tensor file formats', () => {
  it('picks the format from the extension, else from the first bytes', () => {
    expect(tensorFileFormat('a/b.NPY')).toBe('npy');
    expect(tensorFileFormat('x.npz')).toBe('npz');
    expect(tensorFileFormat('input_0.pb')).toBe('pb');
    expect(tensorFileFormat('t.json')).toBe('json');
    expect(tensorFileFormat('t.bin')).toBeUndefined();
    expect(tensorFileFormat('t.bin', Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]))).toBe('npy');
    expect(tensorFileFormat('t.bin', Uint8Array.from([0x50, 0x4b, 3, 4]))).toBe('npz');
    expect(tensorFileFormat('t.bin', new TextEncoder().encode('  {"data": 1}'))).toBe('json');
    expect(tensorFileFormat('t.bin', Uint8Array.from([8, 1, 16, 1]))).toBe('pb');
  });
  it('reads a TensorProto written by onnx', () => {
    const t = readValueFile(path.join(RUN, 'test_data_set_0/input_0.pb')) as Tensor;
    expect(t.dtype).toBe(DataType.FLOAT);
    expect(t.dims).toEqual([2, 3]);
    expect(values(t)).toEqual([-1, 0.5, 2, 3, -4, 0.25]);
  });
  it('reads a file of unknown extension by its content', () => {
    const f = path.join(tmp, 'x.data');
    fs.copyFileSync(path.join(RUN, 'npy-inputs/x.npy'), f);
    expect(values(readValueFile(f))).toEqual([-1, 0.5, 2, 3, -4, 0.25]);
  });
  it.each(['npy', 'pb', 'json', 'npz'])('writes and reads back .%s', (ext) => {
    const f = path.join(tmp, `w.${ext}`);
    const t = Tensor.fromData(DataType.INT64, [2], BigInt64Array.from([-1n, 2n ** 40n]));
    expect(writeValueFile(f, t, 'w')).toEqual({ file: f });
    const back = readValueFile(f) as Tensor;
    expect(back.dtype).toBe(DataType.INT64);
    expect(Array.from(back.data() as BigInt64Array)).toEqual([-1n, 2n ** 40n]);
  });
  it('writes bfloat16 to .npy as float32 and says so', () => {
    const f = path.join(tmp, 'bf.npy');
    const w = writeValueFile(f, Tensor.fromData(DataType.BFLOAT16, [1], Uint16Array.from([0x4000])));
    expect(w.storedAs).toBe('float32');
    expect(values(readValueFile(f))).toEqual([2]);
  });
  it('writes sequences to .pb and reads them back with the declared type', () => {
    const f = path.join(tmp, 'seq.pb');
    const seq = new SequenceValue(tensorType(DataType.FLOAT), [f32([1], [1]), f32([2], [2, 3])]);
    writeValueFile(f, seq);
    const back = readValueFile(f, { declared: { kind: 'sequence', elem: tensorType(DataType.FLOAT) } }) as SequenceValue;
    expect(back.items.map(values)).toEqual([[1], [2, 3]]);
    expect(errorOf(() => writeValueFile(path.join(tmp, 'seq.npy'), seq)).message).toMatch(/cannot write a sequence to .*only tensors fit a \.npy file/);
  });
  it('leaves no temporary file behind', () => {
    writeValueFile(path.join(tmp, 'clean.npy'), f32([1], [1]));
    expect(fs.readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
  it('names the file in read errors', () => {
    expect(errorOf(() => readValueFile(path.join(tmp, 'missing.npy'), { display: 'missing.npy' }))).toMatchObject({
      code: 'E_FILE_NOT_FOUND',
      message: 'cannot read "missing.npy": no such file',
    });
    expect(errorOf(() => readValueFile(tmp, { display: 'dir' })).code).toBe('E_NOT_A_FILE');
    fs.writeFileSync(path.join(tmp, 'empty.npy'), '');
    expect(errorOf(() => readValueFile(path.join(tmp, 'empty.npy'))).code).toBe('E_EMPTY_FILE');
    fs.writeFileSync(path.join(tmp, 'junk.pb'), Buffer.from([0xff, 0xff, 0xff]));
    const e = errorOf(() => readValueFile(path.join(tmp, 'junk.pb'), { display: 'junk.pb' }));
    expect(e.code).toBe('E_TENSOR_FILE');
    expect(e.message).toMatch(/^"junk\.pb" is not a valid tensor protobuf/);
  });
  it.each([
    ['no data type', { dims: [1], floatData: [1] }, /"bad\.pb" holds a TensorProto without a data_type/],
    ['short raw data', { dims: [2], dataType: 1, rawData: new Uint8Array(4) }, /"bad\.pb" holds a tensor whose data does not match its type and shape: .*4 bytes/],
    ['few typed values', { dims: [3], dataType: 7, int64Data: [1, 2] }, /"bad\.pb" holds a tensor whose data does not match its type and shape/],
    ['external data', { dims: [1], dataType: 1, dataLocation: 1, externalData: [{ key: 'location', value: 'w.bin' }] }, /"bad\.pb" refers to external data \("w\.bin"\)/],
  ])('reports a .pb with %s', (_name, proto, message) => {
    const f = path.join(tmp, 'bad.pb');
    fs.writeFileSync(f, onnx.TensorProto.encode(proto as never).finish());
    const e = errorOf(() => readValueFile(f, { display: 'bad.pb' }));
    expect(e.code).toBe('E_TENSOR_FILE');
    expect(e.message).toMatch(message);
  });
  it('picks an .npz array by name, or its only one', () => {
    const f = path.join(tmp, 'two.npz');
    fs.writeFileSync(f, encodeNpz([['a', f32([1], [1])], ['b', f32([1], [2])]]));
    expect(values(readValueFile(f, { entry: 'b' }))).toEqual([2]);
    expect(errorOf(() => readValueFile(f, { display: 'two.npz' })).message).toBe('"two.npz" holds 2 arrays ("a", "b"); say which one');
    expect(errorOf(() => readValueFile(f, { display: 'two.npz', entry: 'c' })).message).toBe('"two.npz" has no array named "c" (it holds "a", "b")');
  });
  it('sanitizes value names into file names', () => {
    expect(sanitizeFileName('conv1/Relu:0')).toBe('conv1_Relu_0');
    expect(sanitizeFileName('a.b-c_d')).toBe('a.b-c_d');
    expect(sanitizeFileName('..')).toBe('__');
    expect(sanitizeFileName('')).toBe('_');
    expect(sanitizeFileName('日本')).toBe('__');
  });
});

describe('model inputs from files', () => {
  const x = new Value('x', tensorType(DataType.FLOAT, ['N', 3]));
  const y = new Value('y', tensorType(DataType.FLOAT, [1, 3]));
  const inputs = [x, y];
  const opts = { resolve: (p: string) => path.resolve(RUN, p), warn: () => {} };
  it('reads NAME=FILE and FILE in input order', () => {
    const feeds = readFeedFiles(inputs, [{ text: 'y=npy-inputs/y.npy' }, { text: 'x.json' }], undefined, opts);
    expect(feeds.get('x')!.file).toBe('x.json');
    expect(values(feeds.get('x')!.value)).toEqual([-1, 0.5, 2, 3, -4, 0.25]);
    expect(feeds.get('y')!.file).toBe('npy-inputs/y.npy');
  });
  it('feeds every input an .npz names', () => {
    const feeds = readFeedFiles(inputs, [{ text: 'inputs.npz' }], undefined, opts);
    expect([...feeds.keys()]).toEqual(['x', 'y']);
    expect(feeds.get('y')!.file).toBe('inputs.npz:y');
  });
  it('feeds the arrays of an .npz saved without names (arr_0, arr_1) in input order', () => {
    const f = path.join(tmp, 'positional.npz');
    fs.writeFileSync(f, encodeNpz([['arr_0', f32([1, 3], [1, 2, 3])], ['arr_1', f32([1, 3], [4, 5, 6])]]));
    const feeds = readFeedFiles(inputs, [{ text: f }], undefined, opts);
    expect(values(feeds.get('x')!.value)).toEqual([1, 2, 3]);
    expect(feeds.get('y')!.file).toBe(`${f}:arr_1`);
  });
  it('reads input_N.pb and <name>.npy from --input-dir', () => {
    const pb = readFeedFiles(inputs, [], 'test_data_set_0', opts);
    expect(pb.get('x')!.file).toBe(path.join('test_data_set_0', 'input_0.pb'));
    expect(values(pb.get('y')!.value)).toEqual([0.5, 0.5, -1]);
    const npy = readFeedFiles(inputs, [], 'npy-inputs', opts);
    expect(npy.get('x')!.file).toBe(path.join('npy-inputs', 'x.npy'));
  });
  it('lets --input override --input-dir, and warns about stray files', () => {
    const warnings: string[] = [];
    const dir = path.join(tmp, 'mixed');
    fs.mkdirSync(dir);
    for (const f of ['x.npy', 'y.npy']) fs.copyFileSync(path.join(RUN, 'npy-inputs', f), path.join(dir, f));
    fs.copyFileSync(path.join(RUN, 'npy-inputs/x.npy'), path.join(dir, 'X.npy'));
    const feeds = readFeedFiles(inputs, [{ text: 'x=x.json' }], dir, { ...opts, warn: (m) => warnings.push(m) });
    expect(feeds.get('x')!.file).toBe('x.json');
    expect(feeds.get('y')!.file).toBe(path.join(dir, 'y.npy'));
    expect(warnings).toEqual([`--input-dir "${dir}": "X.npy" matches no input of the model (its inputs are "x", "y")`]);
  });
  it.each([
    [[{ text: 'z=x.json' }], undefined, 'E_INPUT', /--input z=x\.json: the model has no input named "z"/],
    [[{ text: 'x.json' }, { text: 'x.json' }, { text: 'x.json' }], undefined, 'E_INPUT', /3 input files given in order, but only 2 inputs are left/],
    [[{ text: 'x=x.json' }, { text: 'inputs.npz' }], undefined, 'E_INPUT', /input "x" is given twice: by "x\.json" and by "inputs\.npz:x"/],
    [[{ text: 'x=nope.npy' }], undefined, 'E_FILE_NOT_FOUND', /cannot read "nope\.npy": no such file/],
    [[], 'no-such-dir', 'E_FILE_NOT_FOUND', /cannot read --input-dir "no-such-dir": no such folder/],
    [[], 'wrong-outputs', 'E_INPUT', /--input-dir "wrong-outputs" holds no file for any input/],
  ])('reports %j / %s clearly', (specs, dir, code, message) => {
    const e = errorOf(() => readFeedFiles(inputs, specs, dir, opts));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
  it('names the inputs in the hint of an unknown name', () => {
    expect(errorOf(() => readFeedFiles(inputs, [{ text: 'z=x.json' }], undefined, opts)).detail.hint).toBe('its inputs are: "x", "y"');
  });
});

describe('reference outputs from a folder', () => {
  const outs = [new Value('act'), new Value('flat/values'), new Value('shape')];
  it('reads output_N.pb', () => {
    const refs = readReferenceOutputs(outs, 'test_data_set_0', path.join(RUN, 'test_data_set_0'));
    expect([...refs.keys()]).toEqual(['act', 'flat/values', 'shape']);
    expect(Array.from((refs.get('shape')!.value as Tensor).data() as BigInt64Array)).toEqual([2n, 3n]);
  });
  it('reads <sanitized name>.npy', () => {
    const refs = readReferenceOutputs(outs, 'npy-outputs', path.join(RUN, 'npy-outputs'));
    expect(refs.get('flat/values')!.file).toBe(path.join('npy-outputs', 'flat_values.npy'));
  });
  it('fails when nothing matches', () => {
    expect(errorOf(() => readReferenceOutputs(outs, 'npy-inputs', path.join(RUN, 'npy-inputs'))).message).toBe('--compare "npy-inputs" holds no reference for any output');
    expect(errorOf(() => readReferenceOutputs(outs, 'nope', path.join(RUN, 'nope'))).code).toBe('E_FILE_NOT_FOUND');
  });
});

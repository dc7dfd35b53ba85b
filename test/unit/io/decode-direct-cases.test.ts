/**
 * The direct decoder on hand-made messages that the backend models do not contain: every field
 * the IR keeps, every attribute and type kind, and wire-level oddities (unknown fields, fields in
 * any order, packed and unpacked lists, repeated singular fields, out-of-range int64). Each must
 * decode to what the reference path gives, or fall back to it.
 */
import protobuf from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { decodeModelDirect } from '../../../src/io/decode-model.js';
import { decodeModel, decodeThroughMessages } from '../../../src/io/load.js';
import { onnx } from '../../../src/io/proto.js';
import { dumpIr } from '../../helpers/ir-dump.js';

type Field = [number, 'varint' | 'string' | 'bytes' | 'fixed32' | 'fixed64' | 'float', number | bigint | string | Uint8Array];

/** A message from raw fields, in the given order. */
function msg(...fields: Field[]): Uint8Array {
  const w = protobuf.Writer.create();
  for (const [no, kind, v] of fields) {
    if (kind === 'varint') w.uint32((no << 3) | 0).int64(typeof v === 'bigint' ? (v.toString() as never) : (v as number));
    else if (kind === 'string') w.uint32((no << 3) | 2).string(v as string);
    else if (kind === 'bytes') w.uint32((no << 3) | 2).bytes(v as Uint8Array);
    else if (kind === 'fixed32') w.uint32((no << 3) | 5).fixed32(v as number);
    else if (kind === 'float') w.uint32((no << 3) | 5).float(v as number);
    else w.uint32((no << 3) | 1).fixed64(v as number);
  }
  return w.finish();
}

const tensorType = (elem: number, dims: Uint8Array[]) => msg([1, 'bytes', msg([1, 'varint', elem], [2, 'bytes', msg(...dims.map((d): Field => [1, 'bytes', d]))])]);
const valueInfo = (name: string, type?: Uint8Array, ...extra: Field[]) => msg([1, 'string', name], ...(type ? [[2, 'bytes', type] as Field] : []), ...extra);
const opset = (v: number, domain = '') => msg([1, 'string', domain], [2, 'varint', v]);
const model = (graph: Uint8Array, ...extra: Field[]) => msg([1, 'varint', 9], [8, 'bytes', opset(18)], [7, 'bytes', graph], ...extra);

/** Both paths give the same; `direct` says whether the direct decoder handles it without the reference path. */
function same(bytes: Uint8Array, direct: boolean): void {
  let handled = true;
  try {
    decodeModelDirect(bytes);
  } catch {
    handled = false;
  }
  expect(handled).toBe(direct);
  const run = (f: () => ReturnType<typeof decodeThroughMessages>) => {
    try {
      const r = f();
      r.model.baseDir = '.';
      return JSON.stringify(dumpIr(r));
    } catch (e) {
      return `error ${(e as { code?: string }).code}: ${(e as Error).message}`;
    }
  };
  expect(run(() => decodeModel(bytes, { file: 'm.onnx' }))).toBe(run(() => decodeThroughMessages(bytes, 'm.onnx')));
}

describe('direct decoder on hand-made messages', () => {
  it('keeps every field the IR holds', () => {
    const bytes = onnx.ModelProto.encode({
      irVersion: 10,
      producerName: 'p',
      producerVersion: '1',
      domain: 'd',
      modelVersion: 3,
      docString: 'doc',
      metadataProps: [{ key: 'k', value: 'v' }, { key: 'k2' }],
      opsetImport: [{ domain: '', version: 18 }, { domain: 'ai.onnx', version: 18 }, { domain: 'custom', version: 1 }],
      configuration: [{ name: 'cfg', numDevices: 2, device: ['a', 'b'] }],
      functions: [
        {
          name: 'F',
          domain: 'custom',
          input: ['a'],
          output: ['b'],
          attribute: ['alpha'],
          attributeProto: [{ name: 'beta', type: 1, f: 2 }],
          opsetImport: [{ domain: '', version: 18 }],
          node: [{ opType: 'Relu', input: ['a'], output: ['b'], attribute: [{ name: 'x', refAttrName: 'alpha', type: 1 }] }],
        },
      ],
      trainingInfo: [{ initialization: { name: 'init', node: [] }, initializationBinding: [{ key: 'a', value: 'b' }] }],
      graph: {
        name: 'g',
        docString: 'gdoc',
        metadataProps: [{ key: 'gk', value: 'gv' }],
        quantizationAnnotation: [{ tensorName: 'w', quantParameterTensorNames: [{ key: 'SCALE_TENSOR', value: 's' }] }],
        input: [
          { name: 'x', docString: 'xdoc', metadataProps: [{ key: 'a', value: 'b' }], type: { denotation: 'IMAGE', tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N', denotation: 'DATA_BATCH' }, { dimValue: 3 }, {}] } } } },
          { name: 'w', type: { tensorType: { elemType: 1 } } },
          { name: 'seq', type: { sequenceType: { elemType: { tensorType: { elemType: 7, shape: {} } } } } },
          { name: 'opt', type: { optionalType: { elemType: { sequenceType: {} } }, denotation: 'D' } },
          { name: 'map', type: { mapType: { keyType: 8, valueType: { tensorType: { elemType: 1 } } } } },
          { name: 'opq', type: { opaqueType: { domain: 'x', name: 'y' } } },
          { name: 'sp', type: { sparseTensorType: { elemType: 1, shape: { dim: [{ dimValue: 4 }] } } } },
          { name: 'unset', type: {} },
          { name: 'notype' },
        ],
        initializer: [
          { name: 'w', dims: [2], dataType: 1, floatData: new Float32Array([1, 2]) } as never,
          { name: 'w', dims: [1], dataType: 1, rawData: new Uint8Array(4), docString: 'dup' } as never,
          { name: 'i64', dims: [2], dataType: 7, int64Data: new BigInt64Array([1n, -(2n ** 60n)]), metadataProps: [{ key: 'm', value: 'n' }] } as never,
          { name: 'ext', dims: [4], dataType: 1, dataLocation: 1, externalData: [{ key: 'location', value: 'w.bin' }, { key: 'offset', value: '0' }] } as never,
          { name: 's', dims: [2], dataType: 8, stringData: [new Uint8Array([104, 105]), new Uint8Array([0xff])] } as never,
        ],
        sparseInitializer: [{ values: { name: 'sv', dims: [1], dataType: 1, floatData: new Float32Array([5]) } as never, indices: { name: 'si', dims: [1], dataType: 7, int64Data: new BigInt64Array([2n]) } as never, dims: [4] }],
        node: [
          { name: 'late', opType: 'Relu', input: ['y'], output: ['z'] },
          {
            name: 'n0',
            opType: 'Add',
            domain: 'ai.onnx',
            overload: 'ov',
            docString: 'nd',
            input: ['x', '', 'w', 'missing', 'sv'],
            output: ['y', ''],
            metadataProps: [{ key: 'nk', value: 'nv' }],
            deviceConfigurations: [{ configurationId: 'c', shardingSpec: [{ tensorName: 't', device: [1, 2] }], pipelineStage: 1 }],
            attribute: [
              { name: 'f', type: 1, f: 1.5, docString: 'adoc' },
              { name: 'i', type: 2, i: '9007199254740993' as never },
              { name: 'i2', type: 2, i: -5 },
              { name: 's', type: 3, s: new Uint8Array([0xc3, 0x28]) },
              { name: 't', type: 4, t: { name: 'tt', dims: [], dataType: 6, int32Data: new Int32Array([7]) } as never },
              { name: 'fs', type: 6, floats: [1, 2.5] },
              { name: 'is', type: 7, ints: [1, '-9223372036854775808' as never] },
              { name: 'is2', type: 7, ints: [] },
              { name: 'ss', type: 8, strings: [new Uint8Array([97]), new Uint8Array([0x80])] },
              { name: 'ts', type: 9, tensors: [{ name: 'a', dims: [1], dataType: 1, floatData: new Float32Array([1]) } as never] },
              { name: 'sps', type: 12, sparseTensors: [{ values: { name: 'v', dims: [0], dataType: 1 } as never, dims: [3] }] },
              { name: 'sp1', type: 11, sparseTensor: { values: { name: 'v1', dims: [0], dataType: 1 } as never, dims: [3] } },
              { name: 'tp', type: 13, tp: { tensorType: { elemType: 1 } } },
              { name: 'tps', type: 14, typeProtos: [{ sequenceType: {} }, { mapType: { keyType: 7 } }] },
              { name: 'untyped_f', f: 0 },
              { name: 'untyped_ints', ints: [3] },
              { name: 'untyped_s', s: new Uint8Array(0) },
              { name: 'undef' },
              { name: 'f', type: 1, f: 3 },
            ],
          },
          {
            name: 'if',
            opType: 'If',
            input: ['x'],
            output: ['y', 'o2'],
            attribute: [
              { name: 'then_branch', type: 5, g: { name: 'then', node: [{ opType: 'Identity', input: ['w'], output: ['x'] }, { opType: 'Identity', input: ['y'], output: ['t1'] }], output: [{ name: 't1' }, { name: 'x' }], valueInfo: [{ name: 'x', type: { tensorType: { elemType: 1 } } }] } },
              { name: 'gs', type: 10, graphs: [{ name: 'g1', input: [{ name: 'q' }], output: [{ name: 'q' }] }, { name: 'g2', node: [{ opType: 'Relu', input: ['nowhere'], output: ['r'] }] }] },
            ],
          },
        ],
        output: [{ name: 'z', type: { tensorType: { elemType: 1 } } }, { name: 'undefined_out' }, { name: 'x' }],
        valueInfo: [{ name: 'y', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: -1 }] } } } }, { name: 'nowhere', docString: 'd' }],
      },
    } as never).finish();
    same(bytes, true);
  });

  it('reads fields in any order, packed or not, and skips unknown ones', () => {
    const attr = msg([7, 'float', 1], [1, 'string', 'fs'], [99, 'fixed64', 5], [7, 'float', 2], [20, 'varint', 6]);
    const packed = protobuf.Writer.create().int64(1).int64(-2).int64('9223372036854775807' as never).finish();
    const ints = msg([8, 'bytes', new Uint8Array(0)], [1, 'string', 'is'], [8, 'varint', 4], [8, 'bytes', packed], [20, 'varint', 7]);
    const node = msg([5, 'bytes', attr], [4, 'string', 'Relu'], [1, 'string', 'x'], [77, 'varint', 3], [5, 'bytes', ints], [2, 'string', 'y'], [88, 'fixed32', 1]);
    const graph = msg([12, 'bytes', valueInfo('y')], [1, 'bytes', node], [2, 'string', 'g'], [11, 'bytes', valueInfo('x', tensorType(1, [msg([2, 'string', 'N'])]))], [200, 'bytes', msg()]);
    same(model(graph, [1000, 'varint', 1], [6, 'string', 'doc']), true);
  });

  it('reads raw-data tensors from the wire as the codec does', () => {
    const packedDims = protobuf.Writer.create().int64(2).int64(-1).int64(0).finish();
    const raw = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const cases: Field[][] = [
      [[1, 'bytes', packedDims], [2, 'varint', 1], [8, 'string', 'packed'], [9, 'bytes', raw]],
      [[9, 'bytes', raw], [1, 'varint', 2], [8, 'string', 'first'], [1, 'varint', 1], [2, 'varint', 10], [8, 'string', 'unpacked, name twice']],
      [[8, 'string', 'raw twice'], [2, 'varint', 2], [9, 'bytes', raw], [9, 'bytes', raw.subarray(0, 3)], [1, 'varint', 3]],
      [[8, 'string', 'scalar'], [2, 'varint', 1], [9, 'bytes', raw.subarray(0, 4)]],
      [[8, 'string', 'empty raw'], [2, 'varint', 1], [1, 'varint', 0], [9, 'bytes', new Uint8Array(0)]],
      [[8, 'string', 'no data type'], [9, 'bytes', raw]],
      [[8, 'string', 'unknown field'], [2, 'varint', 1], [9, 'bytes', raw.subarray(0, 4)], [99, 'varint', 1]],
      [[8, 'string', 'doc'], [2, 'varint', 1], [9, 'bytes', raw.subarray(0, 4)], [12, 'string', 'd']],
      [[8, 'string', 'huge dim'], [2, 'varint', 1], [1, 'varint', 2n ** 60n], [9, 'bytes', raw]],
      [[8, 'string', 'no raw'], [2, 'varint', 1], [1, 'varint', 0]],
    ];
    for (const fields of cases) {
      const tensor = msg(...fields);
      const node = msg([4, 'string', 'Constant'], [2, 'string', 'c'], [5, 'bytes', msg([1, 'string', 'value'], [20, 'varint', 4], [5, 'bytes', tensor])]);
      same(model(msg([5, 'bytes', tensor], [1, 'bytes', node])), fields[0]![2] !== 'huge dim');
    }
  });

  it('agrees on the cases it leaves to the reference path', () => {
    const graph = msg([1, 'bytes', msg([4, 'string', 'Relu'], [1, 'string', 'x'], [2, 'string', 'y'])], [11, 'bytes', valueInfo('x')], [12, 'bytes', valueInfo('y')]);
    same(model(graph, [7, 'bytes', msg([2, 'string', 'second'])]), false); // two graphs: merged
    same(model(msg([11, 'bytes', valueInfo('x', tensorType(1, [msg([1, 'varint', 3], [2, 'string', 'N'])]))])), false); // dim_value and dim_param
    same(model(msg([11, 'bytes', valueInfo('x', msg([1, 'bytes', msg([1, 'varint', 1])], [4, 'bytes', msg()]))])), false); // two type members
    same(model(msg([11, 'bytes', valueInfo('x', tensorType(1, [msg([1, 'varint', 2n ** 60n])]))])), false); // dim beyond 2^53
    same(model(msg([2, 'string', 'g']), [1, 'varint', 2n ** 62n]), false); // ir_version beyond 2^53
    same(model(msg([1, 'bytes', msg([4, 'string', 'C'], [5, 'bytes', msg([1, 'string', 'a'], [20, 'varint', 2], [3, 'varint', 1], [6, 'bytes', msg()])])])), false); // unused sub-message
    same(model(msg([1, 'bytes', msg([4, 'string', 'C'], [5, 'bytes', msg([1, 'string', 'a'], [20, 'varint', 99], [3, 'varint', 1])])])), true); // unknown attribute type: dropped, the type is guessed
    same(model(msg([1, 'bytes', msg([4, 'fixed32', 1] as never)])), false); // wrong wire type
    same(model(msg([11, 'bytes', valueInfo('x', tensorType(-3, []))])), true);
    same(msg([1, 'varint', 8]), true); // no graph, no opset: refused after decoding
  });
});

import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import { tensorType } from '../../../../src/ir/types.js';
import { f32, inferOp, runOp, values } from '../../../helpers/ops.js';

const o23 = { opset: 23 };

describe('Attention', () => {
  // One head, one query, two keys with scores 0 and 2 (scale 1).
  const q = f32([1, 1, 1, 2], [1, 1]);
  const k = f32([1, 1, 2, 2], [0, 0, 1, 1]);
  const v = f32([1, 1, 2, 1], [10, 20]);

  it('weights V by softmax of the scaled scores', () => {
    const [y] = runOp('Attention', [q, k, v], { scale: 1 }, o23);
    const p = 1 / (1 + Math.exp(-2));
    expect(values(y!)[0]).toBeCloseTo(10 * (1 - p) + 20 * p, 5);
  });

  it('adds an integer mask as a bias and pads a short mask with -inf', () => {
    const m = Tensor.fromData(DataType.INT32, [1, 2], Int32Array.of(2, 0));
    const [y] = runOp('Attention', [q, k, v, m], { scale: 1 }, o23);
    expect(values(y!)[0]).toBeCloseTo(15, 5);
    const short = Tensor.fromData(DataType.BOOL, [1, 1], Uint8Array.of(1));
    expect(values(runOp('Attention', [q, k, v, short], { scale: 1 }, o23)[0]!)[0]).toBeCloseTo(10, 5);
  });

  it('returns a zero row when every key is masked', () => {
    const none = Tensor.fromData(DataType.BOOL, [1, 2], Uint8Array.of(0, 0));
    expect(values(runOp('Attention', [q, k, v, none], {}, o23)[0]!)).toEqual([0]);
  });

  it('requires past_key and past_value together, and heads for 3-D inputs', () => {
    expect(() => runOp('Attention', [q, k, v, undefined, f32([1, 1, 1, 2], [0, 0])], {}, o23)).toThrow(/together/);
    expect(() => runOp('Attention', [f32([1, 1, 2], [1, 1]), f32([1, 1, 2], [1, 1]), f32([1, 1, 2], [1, 1])], {}, o23)).toThrow(/q_num_heads/);
  });

  it('infers symbolic shapes of all outputs for 3-D inputs with a cache', () => {
    const r = inferOp(
      'Attention',
      [
        tensorType(DataType.FLOAT, ['B', 'S', 64]),
        tensorType(DataType.FLOAT, ['B', 'S', 32]),
        tensorType(DataType.FLOAT, ['B', 'S', 16]),
        undefined,
        tensorType(DataType.FLOAT, ['B', 2, 'P', 16]),
        tensorType(DataType.FLOAT, ['B', 2, 'P', 8]),
      ],
      { q_num_heads: 4, kv_num_heads: 2 },
      { opset: 23, outputs: 4 },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.types).toEqual([
      tensorType(DataType.FLOAT, ['B', 'S', 32]),
      tensorType(DataType.FLOAT, ['B', 2, 'P+S', 16]),
      tensorType(DataType.FLOAT, ['B', 2, 'P+S', 8]),
      tensorType(DataType.FLOAT, ['B', 4, 'S', 'P+S']),
    ]);
  });

  it('rejects head counts that do not divide', () => {
    const r = inferOp('Attention', [tensorType(DataType.FLOAT, [1, 3, 2, 4]), tensorType(DataType.FLOAT, [1, 2, 2, 4]), tensorType(DataType.FLOAT, [1, 2, 2, 4])], {}, o23);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});

describe('RotaryEmbedding', () => {
  it('rotates halves by the cached angle', () => {
    const x = f32([1, 1, 1, 2], [1, 0]);
    const c = f32([2, 1], [1, 0]);
    const s = f32([2, 1], [0, 1]);
    const pos = Tensor.fromData(DataType.INT64, [1, 1], BigInt64Array.of(1n));
    expect(values(runOp('RotaryEmbedding', [x, c, s, pos], {}, o23)[0]!)).toEqual([0, 1]);
    const bad = Tensor.fromData(DataType.INT64, [1, 1], BigInt64Array.of(2n));
    expect(() => runOp('RotaryEmbedding', [x, c, s, bad], {}, o23)).toThrow(/out of range/);
  });

  it('needs num_heads for a 3-D input', () => {
    const r = inferOp('RotaryEmbedding', [tensorType(DataType.FLOAT, ['B', 'S', 8]), tensorType(DataType.FLOAT, [16, 4]), tensorType(DataType.FLOAT, [16, 4])], {}, o23);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
    const ok = inferOp('RotaryEmbedding', [tensorType(DataType.FLOAT, ['B', 'S', 8]), tensorType(DataType.FLOAT, [16, 2]), tensorType(DataType.FLOAT, [16, 2])], { num_heads: 2 }, o23);
    expect(ok.types[0]).toEqual(tensorType(DataType.FLOAT, ['B', 'S', 8]));
  });
});

describe('LinearAttention', () => {
  it('accumulates k (x) v and reads it with q', () => {
    // One head, d_k = d_v = 1, two steps, rule "linear", scale 1: o_t = q_t * sum k*v.
    const t = (vals: number[]) => f32([1, 2, 1], vals);
    const [o, s] = runOp('LinearAttention', [t([1, 2]), t([3, 4]), t([5, 6])], { q_num_heads: 1, kv_num_heads: 1, update_rule: 'linear', scale: 1 }, { opset: 27, outputs: 2 });
    expect(values(o!)).toEqual([15, 78]);
    expect(values(s!)).toEqual([39]);
  });

  it('requires decay for gated rules', () => {
    const t = f32([1, 1, 2], [1, 1]);
    expect(() => runOp('LinearAttention', [t, t, t], { q_num_heads: 1, kv_num_heads: 1, update_rule: 'gated' }, { opset: 27, outputs: 2 })).toThrow(/decay/);
  });

  it('infers the packed output and the state', () => {
    const r = inferOp('LinearAttention', [tensorType(DataType.FLOAT16, ['B', 'T', 32]), tensorType(DataType.FLOAT16, ['B', 'T', 16]), tensorType(DataType.FLOAT16, ['B', 'T', 24])], { q_num_heads: 4, kv_num_heads: 2, update_rule: 'linear' }, { opset: 27, outputs: 2 });
    expect(r.types).toEqual([tensorType(DataType.FLOAT16, ['B', 'T', 48]), tensorType(DataType.FLOAT16, ['B', 2, 8, 12])]);
  });
});

describe('FlexAttention', () => {
  it('infers (B, Hq, L, Ev) and rejects non 4-D inputs', () => {
    const o = { domain: 'ai.onnx.preview', opset: 1 };
    const r = inferOp('FlexAttention', [tensorType(DataType.FLOAT, ['B', 8, 'L', 16]), tensorType(DataType.FLOAT, ['B', 2, 'S', 16]), tensorType(DataType.FLOAT, ['B', 2, 'S', 32])], {}, o);
    expect(r.types[0]).toEqual(tensorType(DataType.FLOAT, ['B', 8, 'L', 32]));
    const bad = inferOp('FlexAttention', [tensorType(DataType.FLOAT, [1, 8, 16]), tensorType(DataType.FLOAT, [1, 2, 4, 16]), tensorType(DataType.FLOAT, [1, 2, 4, 16])], {}, o);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['E_INFER']);
  });
});

describe('attention FLOPs', () => {
  it('counts both batched products over past and new keys', async () => {
    const { default: attention } = await import('../../../../src/ops/attention/attention.js');
    const shapes: Record<string, number[][]> = {
      in: [
        [2, 4, 3, 8],
        [2, 2, 5, 8],
        [2, 2, 5, 6],
        [],
        [2, 2, 7, 8],
      ],
      out: [[2, 4, 3, 6]],
    };
    const ctx = {
      node: undefined as never,
      attr: undefined as never,
      inputShape: (i: number) => shapes.in![i],
      outputShape: (i: number) => shapes.out![i],
    };
    // B=2, Hq=4, Sq=3, T=5+7, D=8, Dv=6.
    expect(attention.flops!(ctx)).toBe(2 * 2 * 4 * 3 * 12 * (8 + 6));
  });
});

/** Small models built in code for the draw tests: a custom op, name scopes, a repeated block. */
import { DataType } from '../../src/ir/dtype.js';
import type { Model } from '../../src/ir/model.js';
import { Tensor } from '../../src/ir/tensor.js';
import { GraphBuilder } from '../../src/ops/builder.js';

/** A standard Relu feeding an op of a custom domain, whose output feeds a standard Add. */
export function customOpModel(): Model {
  const b = new GraphBuilder({ '': 17, 'com.example': 1 }, 'custom');
  const x = b.input('x', DataType.FLOAT, ['N', 8]);
  const w = b.initializer('scale', Tensor.fromData(DataType.FLOAT, [8], new Float32Array(8).fill(2)));
  const [r] = b.node('Relu', [x], {}, { name: 'relu' });
  const [c] = b.node('FancyScale', [r, w], { mode: 'fast', alpha: 0.5 }, { domain: 'com.example', name: 'fancy' });
  const [y] = b.node('Add', [c, x], {}, { name: 'add' });
  b.output(y!);
  return b.build();
}

/**
 * A transformer-like stack: `layers` blocks of MatMul/Add/Softmax/MatMul/Add/LayerNorm-ish ops
 * with scoped names (/encoder/layer.3/attention/MatMul), about 12 nodes a layer.
 */
export function scopedStackModel(layers: number, dim = 8, scoped = true): Model {
  const b = new GraphBuilder({ '': 17 }, 'stack');
  let x = b.input('tokens', DataType.FLOAT, ['batch', 'seq', dim]);
  const w = (name: string, dims: number[]) => b.initializer(name, Tensor.fromData(DataType.FLOAT, dims, new Float32Array(dims.reduce((a, c) => a * c, 1))));
  // Unscoped: the builder's own names (matmul_3, add_7), as older exporters write.
  const opts = (name: string) => (scoped ? { name } : {});
  [x] = b.node('Mul', [x, w('/embed/scale', [dim])], {}, opts('/embed/Mul'));
  for (let l = 0; l < layers; l++) {
    const s = `/encoder/layer.${l}`;
    const [q] = b.node('MatMul', [x, w(`${s}.q`, [dim, dim])], {}, opts(`${s}/attention/q/MatMul`));
    const [k] = b.node('MatMul', [x, w(`${s}.k`, [dim, dim])], {}, opts(`${s}/attention/k/MatMul`));
    const [kt] = b.node('Transpose', [k], { perm: [0, 2, 1] }, opts(`${s}/attention/Transpose`));
    const [qk] = b.node('MatMul', [q, kt], {}, opts(`${s}/attention/MatMul`));
    const [p] = b.node('Softmax', [qk], { axis: -1 }, opts(`${s}/attention/Softmax`));
    const [v] = b.node('MatMul', [x, w(`${s}.v`, [dim, dim])], {}, opts(`${s}/attention/v/MatMul`));
    const [a] = b.node('MatMul', [p, v], {}, opts(`${s}/attention/MatMul_1`));
    const [r1] = b.node('Add', [a, x], {}, opts(`${s}/Add`));
    const [h] = b.node('MatMul', [r1, w(`${s}.fc1`, [dim, dim * 4])], {}, opts(`${s}/mlp/fc1/MatMul`));
    const [g] = b.node('Relu', [h], {}, opts(`${s}/mlp/Relu`));
    const [o] = b.node('MatMul', [g, w(`${s}.fc2`, [dim * 4, dim])], {}, opts(`${s}/mlp/fc2/MatMul`));
    [x] = b.node('Add', [o, r1], {}, opts(`${s}/Add_1`));
  }
  const [y] = b.node('ReduceMean', [x], { axes: [1], keepdims: 0 }, opts('/pool/ReduceMean'));
  b.output(y!);
  return b.build();
}

/** An If whose branches use an outer-scope value `x` (edges drawn dashed into the clusters). */
export function ifOuterScopeModel(): Model {
  const b = new GraphBuilder({ '': 17 }, 'if_outer');
  const x = b.input('x', DataType.FLOAT, [4]);
  const c = b.input('c', DataType.BOOL, []);
  const branch = (name: string, op: string) => {
    const g = new GraphBuilder({ '': 17 }, name);
    const [y] = g.node(op, [x], {}, { name: `${name}_${op.toLowerCase()}`, outputs: [`${name}_y`] });
    g.output(y!, { kind: 'tensor', elemType: DataType.FLOAT, shape: [4] });
    return g.graph;
  };
  const [r] = b.node('If', [c], { then_branch: branch('then', 'Relu'), else_branch: branch('else', 'Neg') }, { name: 'choose' });
  b.output(r!, { kind: 'tensor', elemType: DataType.FLOAT, shape: [4] });
  return b.build();
}

/**
 * A Loop whose body holds an If whose branches use the outer graph's `x` and the body's `i`:
 * clusters two deep, and outer-scope edges across both levels.
 */
export function nestedBodiesModel(): Model {
  const b = new GraphBuilder({ '': 17 }, 'nested');
  const x = b.input('x', DataType.FLOAT, [2]);
  const n = b.input('n', DataType.INT64, []);
  const body = new GraphBuilder({ '': 17 }, 'body');
  const i = body.input('i', DataType.INT64, []);
  const cond = body.input('cond', DataType.BOOL, []);
  const acc = body.input('acc', DataType.FLOAT, [2]);
  const branch = (name: string, op: string) => {
    const g = new GraphBuilder({ '': 17 }, name);
    const [y] = g.node(op, [acc, x], {}, { name: `${name}_${op.toLowerCase()}`, outputs: [`${name}_y`] });
    g.output(y!, { kind: 'tensor', elemType: DataType.FLOAT, shape: [2] });
    return g.graph;
  };
  const zero = body.initializer('zero', Tensor.fromData(DataType.INT64, [], new BigInt64Array([0n])));
  const [even] = body.node('Equal', [i, zero], {}, { name: 'is_first' });
  const [next] = body.node('If', [even], { then_branch: branch('first', 'Add'), else_branch: branch('later', 'Mul') }, { name: 'step', outputs: ['next'] });
  const [c2] = body.node('Identity', [cond], {}, { name: 'keep_going', outputs: ['cond_out'] });
  body.output(c2!, { kind: 'tensor', elemType: DataType.BOOL, shape: [] });
  body.output(next!, { kind: 'tensor', elemType: DataType.FLOAT, shape: [2] });
  const t = b.initializer('true', Tensor.fromData(DataType.BOOL, [], new Uint8Array([1])));
  const [res] = b.node('Loop', [n, t, x], { body: body.graph }, { name: 'repeat', outputs: ['result'] });
  b.output(res!, { kind: 'tensor', elemType: DataType.FLOAT, shape: [2] });
  return b.build();
}

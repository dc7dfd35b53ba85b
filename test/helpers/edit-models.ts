/**
 * Small models for the edit tests, built from ops the reference executor runs (MatMul, Add,
 * Relu, Softmax, Mul, If), with helpers to run them and to round-trip them through a file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { checkModel } from '../../src/check/check.js';
import { editModel, type EditResult } from '../../src/edit/edit-model.js';
import type { EditOptions } from '../../src/edit/session.js';
import type { Edit } from '../../src/edit/types.js';
import { DataType } from '../../src/ir/dtype.js';
import { Graph } from '../../src/ir/graph.js';
import type { Model } from '../../src/ir/model.js';
import { Tensor } from '../../src/ir/tensor.js';
import { tensorType, type Dim } from '../../src/ir/types.js';
import { Node } from '../../src/ir/node.js';
import { loadModel } from '../../src/io/load.js';
import { saveModel, serializeModel } from '../../src/io/save.js';
import { GraphBuilder } from '../../src/ops/builder.js';
import type { RtValue } from '../../src/ops/values.js';
import { Session } from '../../src/runtime/session.js';

/** Deterministic float data in [-1, 1). */
export function floats(dims: readonly number[], seed = 1): Tensor {
  const n = dims.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = (s / 2147483648) * 2 - 1;
  }
  return Tensor.fromData(DataType.FLOAT, dims, data);
}

/**
 * x[N,4] -> MatMul W1 -> Add b1 -> Relu (h) -> MatMul W2 -> Add b2 (logits) -> Softmax (probs);
 * logits * scale[N,3] -> scaled. Outputs: probs, scaled. Every node and value is named.
 */
export function mlp(batch: Dim = 'N'): Model {
  const b = new GraphBuilder({ '': 17 }, 'mlp');
  const x = b.input('x', DataType.FLOAT, [batch, 4]);
  const scale = b.input('scale', DataType.FLOAT, [batch, 3]);
  const w1 = b.initializer('W1', floats([4, 8], 2));
  const b1 = b.initializer('b1', floats([8], 3));
  const w2 = b.initializer('W2', floats([8, 3], 4));
  const b2 = b.initializer('b2', floats([3], 5));
  const [m1] = b.node('MatMul', [x, w1], {}, { name: 'mm1', outputs: ['m1'] });
  const [a1] = b.node('Add', [m1!, b1], {}, { name: 'add1', outputs: ['a1'] });
  const [h] = b.node('Relu', [a1!], {}, { name: 'relu1', outputs: ['h'] });
  const [m2] = b.node('MatMul', [h!, w2], {}, { name: 'mm2', outputs: ['m2'] });
  const [logits] = b.node('Add', [m2!, b2], {}, { name: 'add2', outputs: ['logits'] });
  const [probs] = b.node('Softmax', [logits!], { axis: -1 }, { name: 'softmax', outputs: ['probs'] });
  const [scaled] = b.node('Mul', [logits!, scale], {}, { name: 'mul', outputs: ['scaled'] });
  b.output(probs!, tensorType(DataType.FLOAT, [batch, 3]));
  b.output(scaled!, tensorType(DataType.FLOAT, [batch, 3]));
  return b.build();
}

/**
 * x[2,3] and a bool `flag`: If(flag) then Relu(x) else Neg(x), both branches reading the outer
 * value "x2" (x + x); y = If(...) * x2.
 */
export function withIf(): Model {
  const b = new GraphBuilder({ '': 17 }, 'main');
  const x = b.input('x', DataType.FLOAT, [2, 3]);
  const flag = b.input('flag', DataType.BOOL, []);
  const [x2] = b.node('Add', [x, x], {}, { name: 'double', outputs: ['x2'] });
  const branch = (op: string, name: string) => {
    const g = new Graph(name);
    const n = new Node({ opType: op, name: `${name}_op`, inputs: [x2!], outputs: [`${name}_out`] });
    g.append(n);
    n.outputs[0]!.type = tensorType(DataType.FLOAT, [2, 3]);
    g.addOutput(n.outputs[0]!);
    return g;
  };
  const [chosen] = b.node('If', [flag], { then_branch: branch('Relu', 'then'), else_branch: branch('Neg', 'else') }, { name: 'if', outputs: ['chosen'] });
  const [y] = b.node('Mul', [chosen!, x2!], {}, { name: 'mul', outputs: ['y'] });
  b.output(y!, tensorType(DataType.FLOAT, [2, 3]));
  return b.build();
}

export function mlpFeeds(n = 2): Map<string, RtValue> {
  return new Map<string, RtValue>([
    ['x', floats([n, 4], 11)],
    ['scale', floats([n, 3], 12)],
  ]);
}

export function run(model: Model, feeds: ReadonlyMap<string, RtValue>, keepIntermediates = false): Map<string, RtValue> {
  return Session.create(model).run(feeds, { keepIntermediates });
}

export function values(v: RtValue | undefined): number[] {
  expect(v).toBeInstanceOf(Tensor);
  return Array.from((v as Tensor).data() as Float32Array);
}

/** Applies edits; expects a valid result; returns it with the model after a save and load. */
export function edited(model: Model, edits: readonly Edit[], opts: EditOptions = {}): { result: EditResult; model: Model } {
  const result = editModel(model, edits, opts);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.valid).toBe(true);
  return { result, model: roundTrip(model) };
}

/** Saves and reloads a model; the reloaded one must pass the checker. */
export function roundTrip(model: Model): Model {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-edit-'));
  try {
    const file = path.join(dir, 'm.onnx');
    saveModel(model, file);
    const back = loadModel(file).model;
    const check = checkModel(back);
    expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return back;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function bytesOf(model: Model): Uint8Array {
  return serializeModel(model);
}

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-edit-'));
}


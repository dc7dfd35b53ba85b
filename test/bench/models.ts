/**
 * Models of the kinds users time with `onnx run`, built in code with random weights scaled so
 * that activations stay O(1) (no denormals, no overflow): a ResNet-18, a MobileNet-v2, a BERT
 * encoder (base width, 4 layers) as PyTorch exports them at opset 17, and a two-layer LSTM.
 */
import { DataType } from '../../src/ir/dtype.js';
import type { Model } from '../../src/ir/model.js';
import { Tensor } from '../../src/ir/tensor.js';
import type { Value } from '../../src/ir/value.js';
import { GraphBuilder } from '../../src/ops/builder.js';
import { mulberry32 } from '../../src/runtime/random.js';

export interface BenchModel {
  name: string;
  model: Model;
  feeds: Record<string, Tensor>;
  /** What dominates it (the 2-thread target applies to conv and GEMM-heavy models). */
  kind: 'conv' | 'gemm' | 'rnn';
}

const rand = mulberry32(1234);

/** Uniform values with the given standard deviation. */
function weights(dims: readonly number[], std: number): Tensor {
  const n = dims.reduce((a, b) => a * b, 1);
  const a = std * Math.sqrt(3);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = (2 * rand() - 1) * a;
  return Tensor.fromData(DataType.FLOAT, dims, data);
}

function filled(dims: readonly number[], v: number): Tensor {
  return Tensor.fromData(DataType.FLOAT, dims, new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(v));
}

function ints(xs: readonly number[]): Tensor {
  return Tensor.fromData(DataType.INT64, [xs.length], BigInt64Array.from(xs.map(BigInt)));
}

class Net {
  readonly b = new GraphBuilder({ '': 17 });
  private n = 0;
  name(p: string): string {
    return `${p}${this.n++}`;
  }
  init(t: Tensor, p = 'w'): Value {
    return this.b.initializer(this.name(p), t);
  }
  conv(x: Value, cin: number, cout: number, k: number, stride: number, group = 1): Value {
    const w = this.init(weights([cout, cin / group, k, k], Math.sqrt(2 / ((cin / group) * k * k))));
    const p = Math.floor(k / 2);
    return this.b.node('Conv', [x, w], { kernel_shape: [k, k], strides: [stride, stride], pads: [p, p, p, p], group })[0]!;
  }
  bn(x: Value, c: number): Value {
    const [s, b, m, v] = [filled([c], 1), filled([c], 0), filled([c], 0), filled([c], 1)].map((t) => this.init(t, 'bn'));
    return this.b.node('BatchNormalization', [x, s!, b!, m!, v!], { epsilon: 1e-5 })[0]!;
  }
  relu(x: Value): Value {
    return this.b.node('Relu', [x])[0]!;
  }
  relu6(x: Value): Value {
    return this.b.node('Clip', [x, this.init(filled([], 0), 'lo'), this.init(filled([], 6), 'hi')])[0]!;
  }
  op(type: string, inputs: (Value | undefined)[], attrs: Record<string, number | number[] | string> = {}): Value {
    return this.b.node(type, inputs, attrs)[0]!;
  }
}

function resnetBlock(net: Net, x: Value, cin: number, cout: number, stride: number): Value {
  let h = net.relu(net.bn(net.conv(x, cin, cout, 3, stride), cout));
  h = net.bn(net.conv(h, cout, cout, 3, 1), cout);
  const shortcut = stride !== 1 || cin !== cout ? net.bn(net.conv(x, cin, cout, 1, stride), cout) : x;
  return net.relu(net.op('Add', [h, shortcut]));
}

/** ResNet-18 on a 224x224 image. */
export function resnet18(): BenchModel {
  const net = new Net();
  const x = net.b.input('image', DataType.FLOAT, [1, 3, 224, 224]);
  let h = net.relu(net.bn(net.conv(x, 3, 64, 7, 2), 64));
  h = net.op('MaxPool', [h], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  let c = 64;
  for (const [cout, stride] of [[64, 1], [128, 2], [256, 2], [512, 2]] as const) {
    h = resnetBlock(net, h, c, cout, stride);
    h = resnetBlock(net, h, cout, cout, 1);
    c = cout;
  }
  h = net.op('GlobalAveragePool', [h]);
  h = net.op('Flatten', [h], { axis: 1 });
  const logits = net.op('Gemm', [h, net.init(weights([1000, 512], Math.sqrt(1 / 512))), net.init(filled([1000], 0))], { transB: 1 });
  net.b.output(logits);
  return { name: 'ResNet-18 (224x224)', model: net.b.build(), feeds: { image: weights([1, 3, 224, 224], 1) }, kind: 'conv' };
}

/** MobileNet-v2 (width 1.0) on a 224x224 image. */
export function mobilenetV2(): BenchModel {
  const net = new Net();
  const x = net.b.input('image', DataType.FLOAT, [1, 3, 224, 224]);
  let h = net.relu6(net.bn(net.conv(x, 3, 32, 3, 2), 32));
  let c = 32;
  const settings: [number, number, number, number][] = [
    [1, 16, 1, 1],
    [6, 24, 2, 2],
    [6, 32, 3, 2],
    [6, 64, 4, 2],
    [6, 96, 3, 1],
    [6, 160, 3, 2],
    [6, 320, 1, 1],
  ];
  for (const [t, cout, n, s] of settings) {
    for (let i = 0; i < n; i++) {
      const stride = i === 0 ? s : 1;
      const hidden = c * t;
      let y = h;
      if (t !== 1) y = net.relu6(net.bn(net.conv(y, c, hidden, 1, 1), hidden));
      y = net.relu6(net.bn(net.conv(y, hidden, hidden, 3, stride, hidden), hidden));
      y = net.bn(net.conv(y, hidden, cout, 1, 1), cout);
      h = stride === 1 && c === cout ? net.op('Add', [h, y]) : y;
      c = cout;
    }
  }
  h = net.relu6(net.bn(net.conv(h, c, 1280, 1, 1), 1280));
  h = net.op('GlobalAveragePool', [h]);
  h = net.op('Flatten', [h], { axis: 1 });
  const logits = net.op('Gemm', [h, net.init(weights([1000, 1280], Math.sqrt(1 / 1280))), net.init(filled([1000], 0))], { transB: 1 });
  net.b.output(logits);
  return { name: 'MobileNet-v2 (224x224)', model: net.b.build(), feeds: { image: weights([1, 3, 224, 224], 1) }, kind: 'conv' };
}

/** A BERT encoder (hidden 768, 12 heads, FFN 3072, `layers` layers) on one 128-token sequence. */
export function bert(layers = 4, seq = 128): BenchModel {
  const net = new Net();
  const hidden = 768;
  const heads = 12;
  const dh = hidden / heads;
  const vocab = 8192;
  const ids = net.b.input('input_ids', DataType.INT64, [1, seq]);
  const mask = net.b.input('attention_mask', DataType.FLOAT, [1, 1, 1, seq]);
  const linear = (x: Value, n: number, m: number) => net.op('Add', [net.op('MatMul', [x, net.init(weights([n, m], Math.sqrt(1 / n)))]), net.init(weights([m], 0.02), 'b')]);
  const layerNorm = (x: Value) => net.op('LayerNormalization', [x, net.init(filled([hidden], 1), 'g'), net.init(filled([hidden], 0), 'b')], { axis: -1, epsilon: 1e-12 });
  let h = net.op('Gather', [net.init(weights([vocab, hidden], 0.5)), ids], { axis: 0 });
  h = net.op('Add', [h, net.init(weights([1, seq, hidden], 0.5), 'pos')]);
  h = layerNorm(h);
  const heads4 = net.init(ints([1, seq, heads, dh]), 'shape');
  const flat = net.init(ints([1, seq, hidden]), 'shape');
  const scale = net.init(filled([], Math.sqrt(dh)), 'scale');
  for (let l = 0; l < layers; l++) {
    const split = (x: Value, perm: number[]) => net.op('Transpose', [net.op('Reshape', [x, heads4])], { perm });
    const q = split(linear(h, hidden, hidden), [0, 2, 1, 3]);
    const k = split(linear(h, hidden, hidden), [0, 2, 3, 1]);
    const v = split(linear(h, hidden, hidden), [0, 2, 1, 3]);
    let s = net.op('Div', [net.op('MatMul', [q, k]), scale]);
    s = net.op('Softmax', [net.op('Add', [s, mask])], { axis: -1 });
    let ctx = net.op('MatMul', [s, v]);
    ctx = net.op('Reshape', [net.op('Transpose', [ctx], { perm: [0, 2, 1, 3] }), flat]);
    h = layerNorm(net.op('Add', [linear(ctx, hidden, hidden), h]));
    // GELU as PyTorch exports it before opset 20: x * 0.5 * (1 + erf(x / sqrt 2)).
    const f = linear(h, hidden, 3072);
    const erf = net.op('Erf', [net.op('Div', [f, net.init(filled([], Math.SQRT2), 'c')])]);
    const g = net.op('Mul', [net.op('Mul', [f, net.op('Add', [erf, net.init(filled([], 1), 'c')])]), net.init(filled([], 0.5), 'c')]);
    h = layerNorm(net.op('Add', [linear(g, 3072, hidden), h]));
  }
  net.b.output(h);
  const idData = BigInt64Array.from({ length: seq }, (_, i) => BigInt((i * 7919) % vocab));
  return {
    name: `BERT encoder (768 wide, ${layers} layers, ${seq} tokens)`,
    model: net.b.build(),
    feeds: { input_ids: Tensor.fromData(DataType.INT64, [1, seq], idData), attention_mask: filled([1, 1, 1, seq], 0) },
    kind: 'gemm',
  };
}

/** Two stacked LSTM layers (hidden 256) over 100 steps of 128 features, batch 1. */
export function lstm(seq = 100, input = 128, hidden = 256): BenchModel {
  const net = new Net();
  const x = net.b.input('x', DataType.FLOAT, [seq, 1, input]);
  let h: Value = x;
  let n = input;
  for (let l = 0; l < 2; l++) {
    const w = net.init(weights([1, 4 * hidden, n], Math.sqrt(1 / n)));
    const r = net.init(weights([1, 4 * hidden, hidden], Math.sqrt(1 / hidden)));
    const b = net.init(weights([1, 8 * hidden], 0.1), 'b');
    const [y] = net.b.node('LSTM', [h, w, r, b], { hidden_size: hidden }, { outputs: 1 });
    h = net.op('Reshape', [y!, net.init(ints([seq, 1, hidden]), 'shape')]);
    n = hidden;
  }
  net.b.output(h);
  return { name: `LSTM (2 layers, hidden ${hidden}, ${seq} steps)`, model: net.b.build(), feeds: { x: weights([seq, 1, input], 1) }, kind: 'rnn' };
}

/**
 * One-node models for operator tests: run an op on given values, or infer its output types.
 */
import type { AttrInit, Attribute } from '../../src/ir/attributes.js';
import { DataType } from '../../src/ir/dtype.js';
import { Tensor } from '../../src/ir/tensor.js';
import type { ValueType } from '../../src/ir/types.js';
import { GraphBuilder } from '../../src/ops/builder.js';
import { typeOfValue, type RtValue } from '../../src/ops/values.js';
import { inferModel } from '../../src/infer/infer-shapes.js';
import { Session } from '../../src/runtime/session.js';
import type { Diagnostic } from '../../src/util/diagnostics.js';

export interface OpOptions {
  opset?: number;
  domain?: string;
  /** Number of outputs (default 1). */
  outputs?: number;
  seed?: number;
  /** false: the reference kernel only (the default session also uses fast WebAssembly kernels). */
  fast?: boolean;
}

function opsets(o: OpOptions): Record<string, number> {
  const domain = o.domain ?? '';
  const out: Record<string, number> = { '': domain === '' ? (o.opset ?? 17) : 17 };
  if (domain !== '') out[domain] = o.opset ?? 1;
  return out;
}

/** Runs `opType` on `inputs` (undefined = omitted optional input) and returns its outputs. */
export function runOp(opType: string, inputs: readonly (RtValue | undefined)[], attrs: Record<string, AttrInit | Attribute> = {}, o: OpOptions = {}): RtValue[] {
  const b = new GraphBuilder(opsets(o));
  const ins = inputs.map((x, i) => (x === undefined ? undefined : b.typedInput(`in${i}`, typeOfValue(x))));
  const outs = b.node(opType, ins, attrs, { domain: o.domain ?? '', outputs: o.outputs ?? 1 });
  for (const v of outs) b.output(v);
  const model = b.build();
  const feeds = new Map<string, RtValue>();
  inputs.forEach((x, i) => x !== undefined && feeds.set(`in${i}`, x));
  const result = Session.create(model, { seed: o.seed ?? 0, ...(o.fast === false ? { fast: false } : {}) }).run(feeds);
  return outs.map((v) => result.get(v.name)!);
}

/**
 * Infers the output types of `opType` for inputs of the given types. An input given as a Tensor
 * is a constant (an initializer), so value-dependent inference can be tested.
 */
export function inferOp(
  opType: string,
  inputs: readonly (ValueType | Tensor | undefined)[],
  attrs: Record<string, AttrInit | Attribute> = {},
  o: OpOptions = {},
): { types: (ValueType | undefined)[]; diagnostics: Diagnostic[] } {
  const b = new GraphBuilder(opsets(o));
  const ins = inputs.map((x, i) => {
    if (x === undefined) return undefined;
    if (x instanceof Tensor) return b.initializer(`in${i}`, x);
    return b.typedInput(`in${i}`, x);
  });
  const outs = b.node(opType, ins, attrs, { domain: o.domain ?? '', outputs: o.outputs ?? 1 });
  for (const v of outs) b.output(v);
  const model = b.build();
  const r = inferModel(model, { apply: false });
  return { types: outs.map((v) => r.inferred.get(v)), diagnostics: r.diagnostics };
}

/** A float32 tensor from nested-free data. */
export function f32(dims: readonly number[], data: readonly number[]): Tensor {
  return Tensor.fromData(DataType.FLOAT, dims, Float32Array.from(data));
}

export function i64(dims: readonly number[], data: readonly (number | bigint)[]): Tensor {
  return Tensor.fromData(DataType.INT64, dims, BigInt64Array.from(data, (x) => BigInt(x)));
}

/** Plain numbers of a tensor, for assertions. */
export function values(t: RtValue): number[] {
  return Array.from((t as Tensor).data() as ArrayLike<number | bigint>, (x) => Number(x));
}

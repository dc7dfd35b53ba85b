import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import type { AttrReader } from '../attr-reader.js';
import type { InferContext, KernelContext } from '../types.js';
import { MapValue } from '../values.js';

const TARGETS: Record<string, DataType> = { TO_FLOAT: DataType.FLOAT, TO_INT64: DataType.INT64, TO_STRING: DataType.STRING };

function targetOf(attr: AttrReader, fail: (m: string) => never): DataType {
  const c = attr.string('cast_to');
  const t = TARGETS[c];
  if (t === undefined) fail(`cast_to should be TO_FLOAT, TO_INT64 or TO_STRING, got "${c}"`);
  const form = attr.string('map_form');
  if (form !== 'DENSE' && form !== 'SPARSE') fail(`map_form should be DENSE or SPARSE, got "${form}"`);
  return t;
}

/** [1, number of entries] (DENSE) or [1, max_map] (SPARSE) of the cast_to type. */
function inferCastMap(ctx: InferContext): (ValueType | undefined)[] {
  const t = targetOf(ctx.attr, (m) => ctx.fail(m));
  const x = ctx.input(0).type;
  if (x && x.kind !== 'map') ctx.fail(`X should be a map, got a ${x.kind}`);
  const sparse = ctx.attr.string('map_form') === 'SPARSE';
  return [tensorType(t, [1, sparse ? ctx.attr.int('max_map') : ctx.newSymbol()])];
}

/** A map value as the number or string the cast starts from. */
function entryValue(v: unknown): number | string {
  if (v instanceof Tensor) {
    const d = v.data()[0];
    return typeof d === 'string' ? d : Number(d);
  }
  return typeof v === 'string' ? v : Number(v);
}

function castMapKernel(ctx: KernelContext) {
  const t = targetOf(ctx.attr, (m) => ctx.fail(m));
  const x = ctx.inputs[0];
  if (!(x instanceof MapValue)) ctx.fail('X should be a map');
  const entries = [...x.entries].map(([k, v]) => [Number(k), entryValue(v)] as const).sort((a, b) => a[0] - b[0]);
  const sparse = ctx.attr.string('map_form') === 'SPARSE';
  const size = sparse ? ctx.attr.int('max_map') : entries.length;
  const values: (number | string | undefined)[] = new Array(size).fill(undefined);
  if (sparse) {
    for (const [k, v] of entries) {
      if (k < 0 || k >= size) ctx.fail(`key ${k} is outside [0, max_map=${size})`);
      values[k] = v;
    }
  } else entries.forEach(([, v], i) => (values[i] = v));
  if (t === DataType.STRING) {
    // Numbers print as C's %f does; missing sparse entries are "0.f".
    const out = values.map((v) => (v === undefined ? '0.f' : typeof v === 'string' ? v : v.toFixed(6)));
    return [Tensor.fromData(t, [1, size], out)];
  }
  const num = values.map((v) => (v === undefined ? 0 : typeof v === 'string' ? Number.parseFloat(v) : v));
  if (t === DataType.INT64) return [Tensor.fromData(t, [1, size], BigInt64Array.from(num, (v) => BigInt(Math.trunc(Number.isFinite(v) ? v : 0))))];
  return [Tensor.fromData(t, [1, size], Float32Array.from(num))];
}

/** Converts a map(int64, string|float) to a [1, n] tensor ordered by key, dense or placed at the keys (sparse). */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'CastMap',
  category: 'ml',
  infer: inferCastMap,
  kernel: castMapKernel,
  versions: [
    { since: 1, inputs: 'X:T1', outputs: 'Y:T2', attrs: { cast_to: 'string=TO_FLOAT', map_form: 'string=DENSE', max_map: 'int=1' }, types: { T1: 'map(int64,string) map(int64,float)', T2: 'string float int64' } },
  ],
});

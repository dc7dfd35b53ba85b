import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import { classLabelsOf, mapKey, rowsOf } from '../helpers/ml.js';
import type { InferContext, KernelContext } from '../types.js';
import { MapValue, SequenceValue, type RtValue } from '../values.js';

const SCALAR_FLOAT = tensorType(DataType.FLOAT, []);

function keyTypeOf(labels: ReturnType<typeof classLabelsOf>, fail: (m: string) => never): DataType {
  if (labels.count === 0) fail('one of classlabels_strings and classlabels_int64s must be given');
  return labels.strings ? DataType.STRING : DataType.INT64;
}

/** seq(map(string or int64, float)). */
function inferZipMap(ctx: InferContext): (ValueType | undefined)[] {
  const keyType = keyTypeOf(classLabelsOf(ctx.attr, 'classlabels_int64s'), (m) => ctx.fail(m));
  const s = ctx.input(0).shape;
  if (s && s.length !== 1 && s.length !== 2) ctx.fail(`X should be [C] or [N,C], got rank ${s.length}`);
  return [{ kind: 'sequence', elem: { kind: 'map', keyType, value: SCALAR_FLOAT } }];
}

function zipMapKernel(ctx: KernelContext) {
  const labels = classLabelsOf(ctx.attr, 'classlabels_int64s');
  const keyType = keyTypeOf(labels, (m) => ctx.fail(m));
  const { n, c, data } = rowsOf(ctx, ctx.input(0));
  if (c !== labels.count) ctx.fail(`X has ${c} columns but there are ${labels.count} labels`);
  const keys = labels.strings ?? labels.ints!.map((v) => mapKey(BigInt(v)));
  const maps: RtValue[] = [];
  for (let r = 0; r < n; r++) {
    const entries = new Map<number | bigint | string, RtValue>();
    keys.forEach((k, j) => entries.set(k, Tensor.fromData(DataType.FLOAT, [], Float32Array.of(data[r * c + j]!))));
    maps.push(new MapValue(keyType, SCALAR_FLOAT, entries));
  }
  return [new SequenceValue({ kind: 'map', keyType, value: SCALAR_FLOAT }, maps)];
}

/** One map per row of X, from the class labels to that row's values. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'ZipMap',
  category: 'ml',
  infer: inferZipMap,
  kernel: zipMapKernel,
  versions: [
    { since: 1, inputs: 'X:tensor(float)', outputs: 'Z:T', attrs: { classlabels_int64s: 'ints', classlabels_strings: 'strings' }, types: { T: 'seq(map(string,float)) seq(map(int64,float))' } },
  ],
});

import { defineOp } from '../define.js';
import { DataType, isKnownDataType } from '../../ir/dtype.js';
import type { ValueType } from '../../ir/types.js';
import type { AttrReader } from '../attr-reader.js';
import type { InferContext, KernelContext } from '../types.js';
import { SequenceValue } from '../values.js';

/** The element type named by `dtype` (float when absent). */
function elemOf(attr: AttrReader, fail: (m: string) => never): ValueType {
  const dtype = attr.optInt('dtype') ?? DataType.FLOAT;
  if (!isKnownDataType(dtype)) fail(`dtype ${dtype} is not an ONNX element type`);
  return { kind: 'tensor', elemType: dtype };
}

function inferSequenceEmpty(ctx: InferContext): (ValueType | undefined)[] {
  return [{ kind: 'sequence', elem: elemOf(ctx.attr, (m) => ctx.fail(m)) }];
}

function sequenceEmptyKernel(ctx: KernelContext) {
  return [new SequenceValue(elemOf(ctx.attr, (m) => ctx.fail(m)), [])];
}

/** An empty sequence of tensors of type `dtype`. */
export default defineOp({
  opType: 'SequenceEmpty',
  category: 'sequence',
  traits: ['no-fold'],
  infer: inferSequenceEmpty,
  kernel: sequenceEmptyKernel,
  versions: [
    { since: 11, inputs: '', outputs: 'output:S', attrs: { dtype: 'int' }, types: { S: 'seq($all_v1)' } },
  ],
});

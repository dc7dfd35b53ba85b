import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import type { AttrReader } from '../attr-reader.js';
import { toFloat64 } from '../helpers/convert.js';
import type { InferContext, KernelContext } from '../types.js';

function categoriesOf(attr: AttrReader, fail: (m: string) => never): { ints?: number[]; strings?: string[]; count: number } {
  const ints = attr.optInts('cats_int64s');
  const strings = attr.optStrings('cats_strings');
  if ((ints && ints.length > 0) === (strings && strings.length > 0)) fail('exactly one of cats_int64s and cats_strings must be given');
  return ints && ints.length > 0 ? { ints, count: ints.length } : { strings: strings!, count: strings!.length };
}

/** X's dims plus one axis of the category count; float. */
function inferOneHotEncoder(ctx: InferContext): (ValueType | undefined)[] {
  const cats = categoriesOf(ctx.attr, (m) => ctx.fail(m));
  const s = ctx.input(0).shape;
  return [tensorType(DataType.FLOAT, s ? [...s, cats.count] : undefined)];
}

function oneHotEncoderKernel(ctx: KernelContext) {
  const cats = categoriesOf(ctx.attr, (m) => ctx.fail(m));
  const x = ctx.input(0);
  const zeros = ctx.attr.int('zeros') !== 0;
  const n = x.size;
  const k = cats.count;
  const out = new Float32Array(n * k);
  const index = new Map<string | number, number>();
  if (cats.strings) cats.strings.forEach((s, i) => index.set(s, i));
  else cats.ints!.forEach((v, i) => index.set(v, i));
  let keys: (string | number)[];
  if (x.dtype === DataType.STRING) {
    if (!cats.strings) ctx.fail('string input needs cats_strings');
    keys = x.data() as string[];
  } else {
    if (!cats.ints) ctx.fail('numeric input needs cats_int64s');
    keys = Array.from(toFloat64(x), (v) => Math.trunc(v));
  }
  for (let i = 0; i < n; i++) {
    const j = index.get(keys[i]!);
    if (j === undefined) {
      if (!zeros) ctx.fail(`category ${JSON.stringify(keys[i])} is not in the list and zeros=0`);
      continue;
    }
    out[i * k + j] = 1;
  }
  return [Tensor.fromData(DataType.FLOAT, [...x.dims, k], out)];
}

/** One-hot encodes each element against the category list (numbers truncated to integers); unknown categories give zeros or fail. */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'OneHotEncoder',
  category: 'ml',
  infer: inferOneHotEncoder,
  kernel: oneHotEncoderKernel,
  versions: [
    { since: 1, inputs: 'X:T', outputs: 'Y:tensor(float)', attrs: { cats_int64s: 'ints', cats_strings: 'strings', zeros: 'int=1' }, types: { T: 'string int64 int32 float double' } },
  ],
});

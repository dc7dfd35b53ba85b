import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import type { InferContext, KernelContext } from '../types.js';

function caseAction(ctx: { attr: InferContext['attr'] }, fail: (m: string) => never): 'LOWER' | 'UPPER' | 'NONE' {
  const a = ctx.attr.string('case_change_action');
  if (a !== 'LOWER' && a !== 'UPPER' && a !== 'NONE') fail(`case_change_action must be LOWER, UPPER or NONE, got "${a}"`);
  return a;
}

/**
 * Stop words are compared exactly, or after lowercasing both sides when not case sensitive;
 * case changes use JavaScript's locale-independent Unicode case mapping whatever `locale` says.
 */
function stringNormalizerKernel(ctx: KernelContext) {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const x = ctx.input(0);
  const action = caseAction(ctx, fail);
  const twoD = x.rank === 2;
  if (!(x.rank === 1 || (twoD && x.dims[0] === 1))) fail(`X must have shape [C] or [1, C], got [${x.dims.join(',')}]`);
  const sensitive = ctx.attr.int('is_case_sensitive') !== 0;
  const stop = new Set((ctx.attr.optStrings('stopwords') ?? []).map((s) => (sensitive ? s : s.toLowerCase())));
  const kept: string[] = [];
  for (const s of x.data() as string[]) {
    if (stop.size > 0 && stop.has(sensitive ? s : s.toLowerCase())) continue;
    kept.push(action === 'LOWER' ? s.toLowerCase() : action === 'UPPER' ? s.toUpperCase() : s);
  }
  if (kept.length === 0) kept.push('');
  return [Tensor.fromData(DataType.STRING, twoD ? [1, kept.length] : [kept.length], kept)];
}

function inferStringNormalizer(ctx: InferContext): (ValueType | undefined)[] {
  caseAction(ctx, (m) => ctx.fail(m));
  const s = ctx.input(0).shape;
  if (!s) return [tensorType(DataType.STRING)];
  // Without stop words every element is kept (an empty input still gives one empty string).
  const count = (c: Dim): Dim => (ctx.attr.optStrings('stopwords')?.length ? ctx.newSymbol() : c === 0 ? 1 : c);
  if (s.length === 1) return [tensorType(DataType.STRING, [count(s[0]!)])];
  if (s.length === 2 && (s[0] === 1 || typeof s[0] !== 'number')) return [tensorType(DataType.STRING, [1, count(s[1]!)])];
  return ctx.fail(`X must have shape [C] or [1, C], got rank ${s.length}${s.length === 2 ? ` with ${s[0]} rows` : ''}`);
}

/** StringNormalizer: drops stop words, then lowercases, uppercases or keeps the strings. */
export default defineOp({
  opType: 'StringNormalizer',
  category: 'text',
  infer: inferStringNormalizer,
  kernel: stringNormalizerKernel,
  versions: [
    { since: 10, inputs: 'X:tensor(string)', outputs: 'Y:tensor(string)', attrs: { case_change_action: 'string=NONE', is_case_sensitive: 'int=0', locale: 'string', stopwords: 'strings' } },
  ],
});

import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import type { InferContext, KernelContext } from '../types.js';

/** Whitespace as Python's str.split() sees it. */
const WS = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Python's s.split(None, maxsplit): runs of whitespace separate, ends are trimmed. */
function splitWhitespace(s: string, maxsplit: number, out: string[]): void {
  let i = 0;
  const n = s.length;
  let splits = 0;
  while (i < n) {
    while (i < n && WS.test(s[i]!)) i++;
    if (i >= n) break;
    if (maxsplit >= 0 && splits >= maxsplit) {
      // The rest, with its leading whitespace removed and its trailing whitespace kept.
      out.push(s.slice(i));
      return;
    }
    const start = i;
    while (i < n && !WS.test(s[i]!)) i++;
    out.push(s.slice(start, i));
    splits++;
  }
}

/** Python's s.split(sep, maxsplit): every occurrence of sep separates, empty pieces included. */
function splitOn(s: string, sep: string, maxsplit: number, out: string[]): void {
  let start = 0;
  let splits = 0;
  for (;;) {
    if (maxsplit >= 0 && splits >= maxsplit) break;
    const at = s.indexOf(sep, start);
    if (at < 0) break;
    out.push(s.slice(start, at));
    start = at + sep.length;
    splits++;
  }
  out.push(s.slice(start));
}

/**
 * StringSplit: Y holds the pieces of each element, padded with "" to the largest count; Z the
 * counts. Unset or empty delimiter splits on whitespace like Python's str.split().
 */
function stringSplitKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const sep = ctx.attr.optString('delimiter') ?? '';
  const maxsplit = ctx.attr.optInt('maxsplit') ?? -1;
  const strings = x.data() as string[];
  const pieces: string[][] = [];
  let width = 0;
  for (const s of strings) {
    const p: string[] = [];
    if (sep === '') splitWhitespace(s, maxsplit, p);
    else splitOn(s, sep, maxsplit, p);
    pieces.push(p);
    if (p.length > width) width = p.length;
  }
  const y = new Array<string>(strings.length * width).fill('');
  const z = new BigInt64Array(strings.length);
  pieces.forEach((p, i) => {
    for (let k = 0; k < p.length; k++) y[i * width + k] = p[k]!;
    z[i] = BigInt(p.length);
  });
  return [Tensor.fromData(DataType.STRING, [...x.dims, width], y), Tensor.fromData(DataType.INT64, x.dims, z)];
}

function inferStringSplit(ctx: InferContext): (ValueType | undefined)[] {
  const s = ctx.input(0).shape;
  // The number of substrings depends on the strings.
  return [tensorType(DataType.STRING, s ? [...s, ctx.newSymbol()] : undefined), tensorType(DataType.INT64, s)];
}

export default defineOp({
  opType: 'StringSplit',
  category: 'text',
  infer: inferStringSplit,
  kernel: stringSplitKernel,
  versions: [
    { since: 20, inputs: 'X:T1', outputs: 'Y:T2, Z:T3', attrs: { delimiter: 'string', maxsplit: 'int' }, types: { T1: 'string', T2: 'string', T3: 'int64' } },
  ],
});

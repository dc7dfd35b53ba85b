import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import type { AttrReader } from '../attr-reader.js';
import type { InferContext, KernelContext } from '../types.js';

interface Config {
  minN: number;
  maxN: number;
  maxSkip: number;
  mode: 'TF' | 'IDF' | 'TFIDF';
  /** n-gram key -> its position in the pool (index into ngram_indexes / weights). */
  pool: Map<string, number>;
  indexes: number[];
  weights: number[] | undefined;
  width: number;
  strings: boolean;
}

/** Separator of the items of an n-gram key (cannot occur in integers; unlikely in text). */
const SEP = '\u0000';

function readConfig(attr: AttrReader, fail: (m: string) => never): Config {
  const minN = attr.int('min_gram_length');
  const maxN = attr.int('max_gram_length');
  const maxSkip = attr.int('max_skip_count');
  const mode = attr.string('mode');
  if (mode !== 'TF' && mode !== 'IDF' && mode !== 'TFIDF') fail(`mode must be TF, IDF or TFIDF, got "${mode}"`);
  if (minN < 1 || maxN < minN) fail(`gram lengths must satisfy 1 <= min_gram_length <= max_gram_length, got ${minN} and ${maxN}`);
  if (maxSkip < 0) fail(`max_skip_count must not be negative, got ${maxSkip}`);
  const counts = attr.ints('ngram_counts');
  const indexes = attr.ints('ngram_indexes');
  const ps = attr.optStrings('pool_strings');
  const pi = attr.optInts('pool_int64s');
  if ((ps && pi) || (!ps && !pi)) fail('exactly one of pool_strings and pool_int64s must be set');
  const items: string[] = ps ? ps : pi!.map(String);
  const weights = attr.optFloats('weights');
  if (weights && weights.length !== indexes.length) fail(`weights has ${weights.length} values, ngram_indexes ${indexes.length}`);
  const pool = new Map<string, number>();
  let ngram = 0;
  for (let k = 0; k < counts.length; k++) {
    const n = k + 1;
    const start = counts[k]!;
    const end = k + 1 < counts.length ? counts[k + 1]! : items.length;
    if (start < 0 || end > items.length || end < start || (end - start) % n !== 0) {
      fail(`ngram_counts [${counts.join(',')}] does not split the pool of ${items.length} items into ${n}-grams`);
    }
    for (let p = start; p < end; p += n, ngram++) pool.set(items.slice(p, p + n).join(SEP), ngram);
  }
  if (ngram !== indexes.length) fail(`the pool holds ${ngram} n-grams but ngram_indexes has ${indexes.length} values`);
  for (const i of indexes) if (i < 0) fail(`ngram_indexes must not be negative, got ${i}`);
  const width = indexes.length ? Math.max(...indexes) + 1 : 0;
  return { minN, maxN, maxSkip, mode, pool, indexes, weights, width, strings: ps !== undefined };
}

function tfidfKernel(ctx: KernelContext) {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const x = ctx.input(0);
  const cfg = readConfig(ctx.attr, fail);
  if (x.rank !== 1 && x.rank !== 2) fail(`X must be 1-D or 2-D, got rank ${x.rank}`);
  if (cfg.strings !== (x.dtype === DataType.STRING)) fail(`${cfg.strings ? 'pool_strings needs' : 'pool_int64s needs'} ${cfg.strings ? 'string' : 'integer'} input`);
  const rows = x.rank === 2 ? x.dims[0]! : 1;
  const C = x.dims[x.rank - 1]!;
  const raw = x.data() as ArrayLike<string | number | bigint>;
  const tokens = Array.from(raw, (v) => String(v));
  const counts = new Float64Array(cfg.indexes.length);
  const out = new Float32Array(rows * cfg.width);
  for (let r = 0; r < rows; r++) {
    counts.fill(0);
    const base = r * C;
    for (let start = 0; start < C; start++) {
      for (let n = cfg.minN; n <= cfg.maxN; n++) {
        // A 1-gram has no gaps: count it once, not once per skip.
        const skips = n === 1 ? 0 : cfg.maxSkip;
        for (let s = 0; s <= skips; s++) {
          const last = start + (n - 1) * (s + 1);
          if (last >= C) break;
          let key = tokens[base + start]!;
          for (let k = 1; k < n; k++) key += SEP + tokens[base + start + k * (s + 1)]!;
          const id = cfg.pool.get(key);
          if (id !== undefined) counts[id]!++;
        }
      }
    }
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i]!;
      if (c === 0) continue;
      const w = cfg.weights ? cfg.weights[i]! : 1;
      const v = cfg.mode === 'TF' ? c : cfg.mode === 'IDF' ? w : c * w;
      out[r * cfg.width + cfg.indexes[i]!] = v;
    }
  }
  return [Tensor.fromData(DataType.FLOAT, x.rank === 2 ? [rows, cfg.width] : [cfg.width], out)];
}

function inferTfidf(ctx: InferContext): (ValueType | undefined)[] {
  const fail: (m: string) => never = (m) => ctx.fail(m);
  const cfg = readConfig(ctx.attr, fail);
  const x = ctx.input(0);
  if (x.elemType !== DataType.UNDEFINED && cfg.strings !== (x.elemType === DataType.STRING)) {
    fail(`${cfg.strings ? 'pool_strings needs string' : 'pool_int64s needs integer'} input`);
  }
  const s = x.shape;
  if (!s) return [tensorType(DataType.FLOAT)];
  if (s.length === 1) return [tensorType(DataType.FLOAT, [cfg.width])];
  if (s.length === 2) return [tensorType(DataType.FLOAT, [s[0]!, cfg.width])];
  return fail(`X must be 1-D or 2-D, got rank ${s.length}`);
}

/** TfIdfVectorizer: counts pool n-grams (with skips) per row, weighted by mode TF / IDF / TFIDF. */
export default defineOp({
  opType: 'TfIdfVectorizer',
  category: 'text',
  infer: inferTfidf,
  kernel: tfidfKernel,
  versions: [
    { since: 9, inputs: 'X:T', outputs: 'Y:T1', attrs: { max_gram_length: 'int!', max_skip_count: 'int!', min_gram_length: 'int!', mode: 'string!', ngram_counts: 'ints!', ngram_indexes: 'ints!', pool_int64s: 'ints', pool_strings: 'strings', weights: 'floats' }, types: { T: 'string int32 int64', T1: 'float' } },
  ],
});

import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import type { TensorType } from '../../../../src/ir/types.js';
import { inferOp, runOp, values } from '../../../helpers/ops.js';

const strs = (dims: number[], s: string[]) => Tensor.fromData(DataType.STRING, dims, s);

describe('StringConcat', () => {
  it('broadcasts', () => {
    const [z] = runOp('StringConcat', [strs([2, 1], ['a', 'b']), strs([3], ['1', '2', '3'])], {}, { opset: 20 });
    expect((z as Tensor).dims).toEqual([2, 3]);
    expect((z as Tensor).data()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
    const { types } = inferOp('StringConcat', [{ kind: 'tensor', elemType: DataType.STRING, shape: ['N', 1] }, { kind: 'tensor', elemType: DataType.STRING, shape: [3] }], {}, { opset: 20 });
    expect((types[0] as TensorType).shape).toEqual(['N', 3]);
  });
});

describe('StringSplit', () => {
  it('splits on a delimiter, keeping empty pieces, and pads to the widest', () => {
    const [y, z] = runOp('StringSplit', [strs([2], ['a,,b', 'c'])], { delimiter: ',' }, { opset: 20, outputs: 2 });
    expect((y as Tensor).dims).toEqual([2, 3]);
    expect((y as Tensor).data()).toEqual(['a', '', 'b', 'c', '', '']);
    expect(values(z!)).toEqual([3, 1]);
  });

  it('splits on whitespace runs like Python, with maxsplit keeping the rest', () => {
    const [y, z] = runOp('StringSplit', [strs([3], ['  a  b c ', '', '\t'])], { maxsplit: 1 }, { opset: 20, outputs: 2 });
    expect((y as Tensor).data()).toEqual(['a', 'b c ', '', '', '', '']);
    expect(values(z!)).toEqual([2, 0, 0]);
  });
});

describe('StringNormalizer', () => {
  it('drops stop words case-insensitively and changes case', () => {
    const x = strs([1, 4], ['Monday', 'tuesday', 'MONDAY', 'Straße']);
    const [y] = runOp('StringNormalizer', [x], { stopwords: ['monday'], case_change_action: 'UPPER' }, { opset: 10 });
    expect((y as Tensor).dims).toEqual([1, 2]);
    expect((y as Tensor).data()).toEqual(['TUESDAY', 'STRASSE']);
    const [s] = runOp('StringNormalizer', [x], { stopwords: ['monday'], is_case_sensitive: 1, case_change_action: 'LOWER' }, { opset: 10 });
    // Case sensitive: only an exact "monday" would be dropped.
    expect((s as Tensor).data()).toEqual(['monday', 'tuesday', 'monday', 'straße']);
  });

  it('returns one empty string when everything is dropped and rejects other shapes', () => {
    const [y] = runOp('StringNormalizer', [strs([1], ['a'])], { stopwords: ['a'] }, { opset: 10 });
    expect((y as Tensor).dims).toEqual([1]);
    expect((y as Tensor).data()).toEqual(['']);
    expect(() => runOp('StringNormalizer', [strs([2, 1], ['a', 'b'])], {}, { opset: 10 })).toThrow(/\[C\] or \[1, C\]/);
    const { types } = inferOp('StringNormalizer', [{ kind: 'tensor', elemType: DataType.STRING, shape: [1, 'C'] }], { case_change_action: 'LOWER' }, { opset: 10 });
    expect((types[0] as TensorType).shape).toEqual([1, 'C']);
  });
});

describe('TfIdfVectorizer', () => {
  const base = { min_gram_length: 1, max_gram_length: 2, max_skip_count: 1, ngram_counts: [0, 2], ngram_indexes: [1, 0, 2], pool_int64s: [5, 7, 5, 7] };
  // 1-grams 5 -> out 1, 7 -> out 0; 2-gram (5,7) -> out 2.
  it('counts n-grams with skips (TF) for int32 input', () => {
    const x = Tensor.fromData(DataType.INT32, [6], Int32Array.of(5, 7, 5, 1, 7, 5));
    const [y] = runOp('TfIdfVectorizer', [x], { ...base, mode: 'TF' }, { opset: 9 });
    // (5,7) at skip 0: positions 0-1; skip 1: 2-4. Unigrams are counted once per position.
    expect(values(y!)).toEqual([2, 3, 2]);
  });

  it('weights counts in IDF and TFIDF modes, row by row', () => {
    const x = Tensor.fromData(DataType.INT64, [2, 3], BigInt64Array.of(5n, 5n, 7n, 1n, 1n, 1n));
    const w = [0.5, 2, 10];
    expect(values(runOp('TfIdfVectorizer', [x], { ...base, mode: 'IDF', weights: w }, { opset: 9 })[0]!)).toEqual([2, 0.5, 10, 0, 0, 0]);
    expect(values(runOp('TfIdfVectorizer', [x], { ...base, mode: 'TFIDF', weights: w }, { opset: 9 })[0]!)).toEqual([2, 1, 20, 0, 0, 0]);
  });

  it('matches string pools and infers the output width', () => {
    const x = Tensor.fromData(DataType.STRING, [3], ['a', 'b', 'a']);
    const attrs = { mode: 'TF', min_gram_length: 2, max_gram_length: 2, max_skip_count: 0, ngram_counts: [0, 0], ngram_indexes: [4], pool_strings: ['b', 'a'] };
    expect(values(runOp('TfIdfVectorizer', [x], attrs, { opset: 9 })[0]!)).toEqual([0, 0, 0, 0, 1]);
    const { types } = inferOp('TfIdfVectorizer', [{ kind: 'tensor', elemType: DataType.STRING, shape: ['N', 7] }], attrs, { opset: 9 });
    expect((types[0] as TensorType).shape).toEqual(['N', 5]);
    expect(() => runOp('TfIdfVectorizer', [x], { ...attrs, pool_int64s: [1, 2] }, { opset: 9 })).toThrow(/exactly one of/);
  });
});

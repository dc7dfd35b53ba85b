import { describe, expect, it } from 'vitest';
import { DataType } from '../../../../src/ir/dtype.js';
import { Tensor } from '../../../../src/ir/tensor.js';
import type { TensorType } from '../../../../src/ir/types.js';
import { re2ToJs } from '../../../../src/ops/text/regex-full-match.js';
import { inferOp, runOp, values } from '../../../helpers/ops.js';

const strs = (...s: string[]) => Tensor.fromData(DataType.STRING, [s.length], s);
const match = (pattern: string, ...s: string[]) => values(runOp('RegexFullMatch', [strs(...s)], { pattern }, { opset: 20 })[0]!);

describe('RegexFullMatch', () => {
  it('anchors the whole string, alternation included', () => {
    expect(match('a|ab', 'a', 'ab', 'abc', 'xab')).toEqual([1, 1, 0, 0]);
    expect(match('www\\.[\\w.-]+\\.\\bcom\\b', 'www.google.com', 'www.facebook.com', 'www.bbc.co.uk')).toEqual([1, 1, 0]);
  });

  it('translates RE2-only syntax', () => {
    expect(match('(?i)abc', 'ABC', 'aBc', 'abd')).toEqual([1, 1, 0]);
    expect(match('(?P<year>\\d{4})-\\d\\d', '2024-05', '24-05')).toEqual([1, 0]);
    expect(match('[[:alpha:]]+[[:digit:]]', 'ab1', 'a12')).toEqual([1, 0]);
    expect(match('\\pL+', 'héllo', 'h3llo')).toEqual([1, 0]);
    expect(match('\\Qa.b\\E', 'a.b', 'axb')).toEqual([1, 0]);
    expect(match('\\Aab\\z', 'ab')).toEqual([1]);
    expect(match('a\\-b', 'a-b')).toEqual([1]);
    // RE2's \s is ASCII only: a no-break space is not whitespace.
    expect(match('a\\sb', 'a b', 'a\u00a0b')).toEqual([1, 0]);
    expect(match('\\x{e9}', '\u00e9')).toEqual([1]);
    expect(re2ToJs('(?P<n>x)').source).toBe('(?<n>x)');
  });

  it('rejects what RE2 rejects', () => {
    expect(() => match('(a)\\1', 'aa')).toThrow(/backreferences/);
    expect(() => match('a(?=b)', 'ab')).toThrow(/lookahead/);
    expect(() => match('[a', 'a')).toThrow(/cannot be used/);
    const bad = inferOp('RegexFullMatch', [{ kind: 'tensor', elemType: DataType.STRING, shape: [2] }], { pattern: '(?<=a)b' }, { opset: 20 });
    expect(bad.diagnostics.some((d) => /lookbehind/.test(d.message))).toBe(true);
  });

  it('infers a bool tensor of the same shape', () => {
    const { types } = inferOp('RegexFullMatch', [{ kind: 'tensor', elemType: DataType.STRING, shape: ['N', 3] }], { pattern: 'x' }, { opset: 20 });
    expect(types[0] as TensorType).toEqual({ kind: 'tensor', elemType: DataType.BOOL, shape: ['N', 3] });
  });
});

import { defineOp } from '../define.js';
import { DataType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import type { InferContext, KernelContext } from '../types.js';

const GENERAL_CATEGORIES = new Set(
  'L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn'.split(' '),
);

/** RE2's POSIX bracket classes as JavaScript class contents (ASCII, as in RE2). */
const POSIX: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Characters JavaScript's unicode mode lets us escape with a backslash. */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/-'.split(''));

function escapeLiteral(ch: string, inClass: boolean): string {
  if (ch === '-' && !inClass) return ch;
  if (JS_SYNTAX.has(ch)) return `\\${ch}`;
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

function unicodeProperty(name: string, negated: boolean): string {
  const p = negated ? 'P' : 'p';
  if (name === 'Any') return negated ? '[^\\s\\S]' : '[\\s\\S]';
  return GENERAL_CATEGORIES.has(name) ? `\\${p}{${name}}` : `\\${p}{Script=${name}}`;
}

/**
 * Translates an RE2 pattern to a JavaScript (unicode mode) one plus flags, or throws with the
 * reason it cannot be expressed. Handles (?P<name>), leading (?ims) flags, \A \z \Q..\E \C,
 * \pX, \x{...}, POSIX classes and RE2's ASCII-only \s; rejects what RE2 itself rejects
 * (backreferences, lookaround).
 */
export function re2ToJs(pattern: string): { source: string; flags: string } {
  let out = '';
  let flags = '';
  let i = 0;
  let inClass = false;
  const n = pattern.length;
  // Leading flag groups such as (?i) or (?is).
  for (;;) {
    const m = /^\(\?([imsU]+)\)/.exec(pattern.slice(i));
    if (!m) break;
    for (const f of m[1]!) {
      if (f === 'U') throw new Error('the ungreedy flag (?U) has no JavaScript equivalent');
      if (!flags.includes(f)) flags += f;
    }
    i += m[0].length;
  }
  while (i < n) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new Error('the pattern ends with a lone backslash');
      i += 2;
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', i);
        const lit = pattern.slice(i, end < 0 ? n : end);
        for (const c of lit) out += escapeLiteral(c, inClass);
        i = end < 0 ? n : end + 2;
      } else if (next === 'A' && !inClass) out += '^';
      else if (next === 'z' && !inClass) out += '$';
      else if (next === 'C') out += inClass ? '\\s\\S' : '[\\s\\S]';
      else if (next === 's') out += inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]';
      else if (next === 'S' && !inClass) out += '[^\\t\\n\\f\\r ]';
      else if (next === 'a') out += '\\x07';
      else if (next === 'p' || next === 'P') {
        let name: string;
        if (pattern[i] === '{') {
          const end = pattern.indexOf('}', i);
          if (end < 0) throw new Error('unterminated \\p{...}');
          name = pattern.slice(i + 1, end);
          i = end + 1;
        } else {
          name = pattern[i] ?? '';
          i++;
        }
        let neg = next === 'P';
        if (name.startsWith('^')) {
          neg = !neg;
          name = name.slice(1);
        }
        out += unicodeProperty(name, neg);
      } else if (next === 'x' && pattern[i] === '{') {
        const end = pattern.indexOf('}', i);
        if (end < 0) throw new Error('unterminated \\x{...}');
        out += `\\u{${pattern.slice(i + 1, end)}}`;
        i = end + 1;
      } else if (/[1-9]/.test(next)) throw new Error('backreferences are not RE2 syntax');
      else if (/[A-Za-z0-9]/.test(next)) out += `\\${next}`;
      else out += escapeLiteral(next, inClass);
      continue;
    }
    if (inClass) {
      if (ch === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        if (end > 0) {
          const name = pattern.slice(i + 2, end);
          if (name.startsWith('^')) throw new Error(`negated POSIX class [:${name}:] is not supported`);
          const body = POSIX[name];
          if (!body) throw new Error(`unknown POSIX class [:${name}:]`);
          out += body;
          i = end + 2;
          continue;
        }
      }
      if (ch === ']') inClass = false;
      out += ch === '[' ? '\\[' : ch;
      i++;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += '[';
      i++;
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      // A ']' first in a class is a literal.
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 4;
        continue;
      }
      if (rest.startsWith(':') || rest.startsWith('<')) {
        if (rest.startsWith('<=') || rest.startsWith('<!')) throw new Error('lookbehind is not RE2 syntax');
        out += '(?';
        i += 2;
        continue;
      }
      if (rest.startsWith('=') || rest.startsWith('!')) throw new Error('lookahead is not RE2 syntax');
      throw new Error(`inline flags "${pattern.slice(i, i + 6)}..." inside the pattern are not supported (only at its start)`);
    }
    if (ch === '/') out += '\\/';
    else out += ch;
    i++;
  }
  if (inClass) throw new Error('missing ]');
  return { source: out, flags };
}

/** The anchored JavaScript RegExp for an RE2 pattern, or a failure naming the problem. */
function compile(pattern: string, fail: (m: string) => never): RegExp {
  try {
    const { source, flags } = re2ToJs(pattern);
    return new RegExp(`^(?:${source})$`, `u${flags}`);
  } catch (e) {
    return fail(`pattern ${JSON.stringify(pattern)} cannot be used: ${(e as Error).message}`);
  }
}

function regexFullMatchKernel(ctx: KernelContext) {
  const x = ctx.input(0);
  const re = compile(ctx.attr.string('pattern'), (m) => ctx.fail(m));
  const s = x.data() as string[];
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = re.test(s[i]!) ? 1 : 0;
  return [Tensor.fromData(DataType.BOOL, x.dims, out)];
}

function inferRegexFullMatch(ctx: InferContext): (ValueType | undefined)[] {
  compile(ctx.attr.string('pattern'), (m) => ctx.fail(m));
  return [tensorType(DataType.BOOL, ctx.input(0).shape)];
}

/**
 * RegexFullMatch: whether each string fully matches an RE2 pattern. Runs on JavaScript's
 * backtracking RegExp (unicode mode) after translating RE2 syntax; see re2ToJs for the limits.
 */
export default defineOp({
  opType: 'RegexFullMatch',
  category: 'text',
  traits: ['elementwise'],
  infer: inferRegexFullMatch,
  kernel: regexFullMatchKernel,
  versions: [
    { since: 20, inputs: 'X:T1', outputs: 'Y:T2', attrs: { pattern: 'string' }, types: { T1: 'string', T2: 'bool' } },
  ],
});

/**
 * Arithmetic on dimensions that may be symbolic. A symbolic dim is a string: a plain name
 * ("batch", "unk__3") or an expression this module wrote ("N+5", "2*N", "N*S", "floor(N/2)").
 * Sums of products with integer coefficients are kept exact and canonical, so `N+1-1` is `N`
 * and `2*N` equals `N+N`; anything else (division by a symbol ...) becomes an opaque atom.
 * null means unknown and absorbs everything.
 */
import type { Dim } from '../../ir/types.js';

/** A polynomial: monomial key ("" for the constant, "N", "N*S") -> integer coefficient. */
type Poly = Map<string, number>;

const NAME = /^[A-Za-z_][A-Za-z0-9_.:]*$/;

function atomPoly(atom: string): Poly {
  return new Map([[atom, 1]]);
}

function constPoly(n: number): Poly {
  return new Map(n === 0 ? [] : [['', n]]);
}

/** Parses our own expression syntax; other strings are atoms. */
function parse(s: string): Poly {
  if (NAME.test(s) || !/[+*-]/.test(s)) return atomPoly(s);
  // Split a sum at top-level + and - (not inside parentheses).
  const terms: { sign: number; text: string }[] = [];
  let depth = 0;
  let cur = '';
  let sign = 1;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (depth === 0 && (ch === '+' || (ch === '-' && i > 0))) {
      terms.push({ sign, text: cur });
      sign = ch === '+' ? 1 : -1;
      cur = '';
    } else cur += ch;
  }
  terms.push({ sign, text: cur });
  let out: Poly = new Map();
  for (const t of terms) {
    let text = t.text.trim();
    let sgn = t.sign;
    if (text.startsWith('-')) {
      sgn = -sgn;
      text = text.slice(1);
    }
    if (!text) return atomPoly(s);
    let p: Poly = constPoly(1);
    for (const f of splitTopLevel(text, '*')) {
      const factor = f.trim();
      if (/^\d+$/.test(factor)) p = mulPoly(p, constPoly(Number(factor)));
      else if (NAME.test(factor) || /^[a-z]+\(.*\)$/.test(factor)) p = mulPoly(p, atomPoly(factor));
      else if (/^\(.*\)$/.test(factor)) p = mulPoly(p, parse(factor.slice(1, -1)));
      else return atomPoly(s);
    }
    out = addPoly(out, scalePoly(p, sgn));
  }
  return out;
}

function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (depth === 0 && ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function addPoly(a: Poly, b: Poly): Poly {
  const out = new Map(a);
  for (const [k, c] of b) {
    const v = (out.get(k) ?? 0) + c;
    if (v === 0) out.delete(k);
    else out.set(k, v);
  }
  return out;
}

function scalePoly(a: Poly, k: number): Poly {
  if (k === 0) return new Map();
  return new Map([...a].map(([m, c]) => [m, c * k]));
}

function mulMonomials(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return [...a.split('*'), ...b.split('*')].sort().join('*');
}

function mulPoly(a: Poly, b: Poly): Poly {
  let out: Poly = new Map();
  for (const [ma, ca] of a) for (const [mb, cb] of b) out = addPoly(out, new Map([[mulMonomials(ma, mb), ca * cb]]));
  return out;
}

function toDim(p: Poly): Dim {
  if (p.size === 0) return 0;
  if (p.size === 1 && p.has('')) return p.get('')!;
  const terms = [...p].filter(([m]) => m !== '').sort(([a], [b]) => a.localeCompare(b));
  let s = '';
  for (const [m, c] of terms) {
    const abs = Math.abs(c);
    const body = abs === 1 ? m : `${abs}*${m}`;
    s += s === '' ? (c < 0 ? `-${body}` : body) : c < 0 ? `-${body}` : `+${body}`;
  }
  const k = p.get('');
  if (k) s += k < 0 ? `${k}` : `+${k}`;
  return s;
}

/** Parsed forms of the strings seen so far (polys are never mutated, so they can be shared). */
const parsed = new Map<string, Poly>();

function poly(d: number | string): Poly {
  if (typeof d === 'number') return constPoly(d);
  let p = parsed.get(d);
  if (!p) {
    if (parsed.size > 50_000) parsed.clear();
    p = parse(d);
    parsed.set(d, p);
  }
  return p;
}

export function dimAdd(a: Dim, b: Dim): Dim {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  return toDim(addPoly(poly(a), poly(b)));
}

export function dimSub(a: Dim, b: Dim): Dim {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return toDim(addPoly(poly(a), scalePoly(poly(b), -1)));
}

export function dimMul(a: Dim, b: Dim): Dim {
  if (a === 0 || b === 0) return 0;
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  // The common case, a (scaled) name times a number, in the canonical form toDim would give.
  if (typeof a === 'number' && a > 0) {
    const t = scaledName(b as string);
    if (t) return scaled(a * t.k, t.name);
  }
  if (typeof b === 'number' && b > 0) {
    const t = scaledName(a as string);
    if (t) return scaled(b * t.k, t.name);
  }
  return toDim(mulPoly(poly(a), poly(b)));
}

const SCALED_NAME = /^([1-9]\d*)\*([A-Za-z_][A-Za-z0-9_.:]*)$/;

/** "N" as 1*N, "8*N" as 8*N; undefined for any other expression. */
function scaledName(d: string): { k: number; name: string } | undefined {
  if (NAME.test(d)) return { k: 1, name: d };
  const m = SCALED_NAME.exec(d);
  return m && Number.isSafeInteger(Number(m[1])) ? { k: Number(m[1]), name: m[2]! } : undefined;
}

function scaled(k: number, name: string): Dim {
  return k === 1 ? name : `${k}*${name}`;
}

/** floor(a / b). Exact when b divides every coefficient of a; otherwise an opaque `floor(a/b)`. */
export function dimFloorDiv(a: Dim, b: Dim): Dim {
  if (a === null || b === null || b === 0) return null;
  if (typeof a === 'number' && typeof b === 'number') return Math.floor(a / b);
  if (typeof b === 'number') {
    const t = b > 0 ? scaledName(a as string) : undefined;
    if (t && t.k % b === 0) return scaled(t.k / b, t.name);
    const p = poly(a);
    if ([...p.values()].every((c) => c % b === 0)) return toDim(new Map([...p].map(([m, c]) => [m, c / b])));
    return `floor(${wrap(a)}/${b})`;
  }
  if (a === b) return 1;
  const exact = divideByMonomial(poly(a), poly(b));
  if (exact) return toDim(exact);
  return `floor(${wrap(a)}/${wrap(b)})`;
}

/** a / b when b is a single term (k*N*M) that divides every term of a exactly; else undefined. */
function divideByMonomial(a: Poly, b: Poly): Poly | undefined {
  if (b.size !== 1) return undefined;
  const [[bm, bc]] = [...b] as [[string, number]];
  const bFactors = bm ? bm.split('*') : [];
  const out: Poly = new Map();
  for (const [m, c] of a) {
    if (c % bc !== 0) return undefined;
    const factors = m ? m.split('*') : [];
    for (const f of bFactors) {
      const i = factors.indexOf(f);
      if (i < 0) return undefined;
      factors.splice(i, 1);
    }
    out.set(factors.join('*'), c / bc);
  }
  return out;
}

/** ceil(a / b), as in output sizes with ceil_mode. */
export function dimCeilDiv(a: Dim, b: Dim): Dim {
  if (a === null || b === null || b === 0) return null;
  if (typeof a === 'number' && typeof b === 'number') return Math.ceil(a / b);
  const exact = dimFloorDiv(a, b);
  if (typeof exact === 'string' && exact.startsWith('floor(')) return `ceil(${exact.slice(6, -1)})`;
  return exact;
}

function wrap(d: number | string): string {
  // A name with '-' is parenthesized too: "N-1" (which this module writes) must not print as floor(N-1/2).
  return typeof d === 'number' || (NAME.test(d) && !d.includes('-')) ? String(d) : `(${d})`;
}

/** The product of dims (e.g. a flattened size). */
export function dimProduct(dims: readonly Dim[]): Dim {
  let p: Dim = 1;
  for (const d of dims) p = dimMul(p, d);
  return p;
}

/** Whether two dims are known to be equal (null is never known equal). */
export function dimEquals(a: Dim, b: Dim): boolean {
  if (a === null || b === null) return false;
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return false;
  return toDim(addPoly(poly(a), scalePoly(poly(b), -1))) === 0;
}

/** Whether two dims are known to differ (two static numbers that differ). */
export function dimConflicts(a: Dim, b: Dim): boolean {
  return typeof a === 'number' && typeof b === 'number' && a !== b;
}

/** Merges two facts about one dim: a number beats a symbol, a symbol beats null. */
export function dimMerge(a: Dim, b: Dim): Dim {
  if (typeof a === 'number') return a;
  if (typeof b === 'number') return b;
  return a ?? b;
}

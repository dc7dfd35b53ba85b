import { defineOp } from '../define.js';
import { DataType, dtypeName } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type Dim, type ValueType } from '../../ir/types.js';
import { broadcastDims, stridesOf } from '../helpers/broadcast.js';
import { encodeFloats, isNarrowFloat, sizeOf, toFloat, toFloat32 } from '../helpers/convert.js';
import type { FlopsContext, InferContext, KernelContext } from '../types.js';

/** An ellipsis in a parsed term. */
const ELLIPSIS = -1;
/** Label ids: letters in ASCII order (A-Z: 0..25, a-z: 26..51); ellipsis dim j is FIRST_ELLIPSIS + j. */
const FIRST_ELLIPSIS = 52;

interface Equation {
  /** Per input: letter ids and at most one ELLIPSIS. */
  inputs: number[][];
  /** The explicit right-hand side, or undefined in implicit mode. */
  output?: number[];
}

function letterId(ch: string): number | undefined {
  const c = ch.charCodeAt(0);
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 97 + 26;
  return undefined;
}

function parseTerm(term: string, fail: (m: string) => never): number[] {
  const out: number[] = [];
  for (let i = 0; i < term.length; i++) {
    if (term.startsWith('...', i)) {
      if (out.includes(ELLIPSIS)) fail(`term "${term}" has more than one ellipsis`);
      out.push(ELLIPSIS);
      i += 2;
      continue;
    }
    const id = letterId(term[i]!);
    if (id === undefined) fail(`unexpected character "${term[i]}" in term "${term}"`);
    out.push(id);
  }
  return out;
}

/** Parses an equation such as "bij,bjk->bik" or "...ii->...i" (spaces allowed). */
function parseEquation(equation: string, inputCount: number, fail: (m: string) => never): Equation {
  const eq = equation.replace(/ /g, '');
  const sides = eq.split('->');
  if (sides.length > 2) fail(`equation "${equation}" has more than one "->"`);
  const inputs = sides[0]!.split(',').map((t) => parseTerm(t, fail));
  if (inputs.length !== inputCount) fail(`equation "${equation}" has ${inputs.length} input terms but the node has ${inputCount} inputs`);
  if (sides.length === 1) return { inputs };
  const output = parseTerm(sides[1]!, fail);
  const seen = new Set<number>();
  for (const l of output) {
    if (seen.has(l)) fail(`output term "${sides[1]}" repeats a label`);
    seen.add(l);
    if (l !== ELLIPSIS && !inputs.some((t) => t.includes(l))) fail(`output label "${sides[1]}" does not occur in the inputs`);
  }
  if (output.includes(ELLIPSIS) && !inputs.some((t) => t.includes(ELLIPSIS))) fail('the output has an ellipsis but no input has one');
  return { inputs, output };
}

/** Per input, the label id of each axis (ellipsis dims right-aligned across inputs); and the output labels. */
interface Labelled {
  axes: number[][];
  output: number[];
  /** Number of ellipsis dims (the most any input has). */
  ellipsisRank: number;
}

/** Number of dims the ellipsis of each input stands for (0 without one), given the input ranks. */
function ellipsisRanks(eq: Equation, ranks: readonly number[], fail: (m: string) => never): number[] {
  return eq.inputs.map((t, i) => {
    const letters = t.filter((l) => l !== ELLIPSIS).length;
    const rank = ranks[i]!;
    if (t.includes(ELLIPSIS)) {
      if (letters > rank) fail(`input ${i} has rank ${rank}, fewer than the ${letters} labels of its term`);
      return rank - letters;
    }
    if (letters !== rank) fail(`input ${i} has rank ${rank} but its term has ${letters} labels`);
    return 0;
  });
}

function expand(term: readonly number[], ne: number, ellipsisRank: number): number[] {
  const out: number[] = [];
  for (const l of term) {
    if (l === ELLIPSIS) for (let j = 0; j < ne; j++) out.push(FIRST_ELLIPSIS + ellipsisRank - ne + j);
    else out.push(l);
  }
  return out;
}

/** The output labels: explicit, or the ellipsis dims then the letters that occur once, in ASCII order. */
function outputLabels(eq: Equation, ellipsisRank: number): number[] {
  if (eq.output) return expand(eq.output, ellipsisRank, ellipsisRank);
  const count = new Map<number, number>();
  for (const t of eq.inputs) for (const l of t) if (l !== ELLIPSIS) count.set(l, (count.get(l) ?? 0) + 1);
  const once = [...count].filter(([, c]) => c === 1).map(([l]) => l).sort((a, b) => a - b);
  return [...expand([ELLIPSIS], ellipsisRank, ellipsisRank), ...once];
}

function labelAll(eq: Equation, ranks: readonly number[], fail: (m: string) => never): Labelled {
  const ne = ellipsisRanks(eq, ranks, fail);
  const ellipsisRank = Math.max(0, ...ne);
  return {
    axes: eq.inputs.map((t, i) => expand(t, ne[i]!, ellipsisRank)),
    output: outputLabels(eq, ellipsisRank),
    ellipsisRank,
  };
}

/** The size of every label from static input dims; a size of 1 broadcasts against any other. */
function labelSizes(lab: Labelled, dims: readonly (readonly number[])[], fail: (m: string) => never): Map<number, number> {
  const sizes = new Map<number, number>();
  lab.axes.forEach((axes, i) => {
    axes.forEach((l, ax) => {
      const d = dims[i]![ax]!;
      const s = sizes.get(l);
      if (s === undefined || s === 1) sizes.set(l, d);
      else if (d !== 1 && d !== s) fail(`label ${labelName(l)} has size ${s} and ${d}`);
    });
  });
  return sizes;
}

function labelName(l: number): string {
  if (l >= FIRST_ELLIPSIS) return `"..."(dim ${l - FIRST_ELLIPSIS})`;
  return `"${String.fromCharCode(l < 26 ? 65 + l : 97 + l - 26)}"`;
}

/**
 * The walk of an einsum: every label (output labels first, then the summed ones), its size, and
 * per input and for the output the stride each label steps by (0 where it does not occur or
 * broadcasts; summed for repeated labels, which walks a diagonal).
 */
interface Walk {
  sizes: number[];
  inStrides: number[][];
  outStrides: number[];
  outDims: number[];
}

function planWalk(lab: Labelled, dims: readonly (readonly number[])[], fail: (m: string) => never): Walk {
  const sizes = labelSizes(lab, dims, fail);
  const summed: number[] = [];
  for (const axes of lab.axes) for (const l of axes) if (!lab.output.includes(l) && !summed.includes(l)) summed.push(l);
  const labels = [...lab.output, ...summed];
  const outDims = lab.output.map((l) => sizes.get(l)!);
  const outSt = stridesOf(outDims);
  const inStrides = lab.axes.map((axes, i) => {
    const st = stridesOf(dims[i]!);
    return labels.map((l) => {
      let s = 0;
      axes.forEach((al, ax) => {
        if (al === l && dims[i]![ax] !== 1) s += st[ax]!;
      });
      return s;
    });
  });
  const outStrides = labels.map((l) => {
    const k = lab.output.indexOf(l);
    return k < 0 ? 0 : outSt[k]!;
  });
  return { sizes: labels.map((l) => sizes.get(l)!), inStrides, outStrides, outDims };
}

/** out[...] += product of the inputs, over every combination of labels (float64). */
function runNumbers(walk: Walk, data: readonly ArrayLike<number>[], out: Float64Array): void {
  const { sizes, inStrides, outStrides } = walk;
  const L = sizes.length;
  if (L === 0) {
    let p = 1;
    for (const d of data) p *= d[0]!;
    out[0] = p;
    return;
  }
  if (sizeOf(sizes) === 0) return;
  const nIn = data.length;
  const last = L - 1;
  const nLast = sizes[last]!;
  const outerCount = sizeOf(sizes) / nLast;
  const counter = new Array<number>(L).fill(0);
  const offs = new Array<number>(nIn).fill(0);
  const lastSt = inStrides.map((s) => s[last]!);
  const os = outStrides[last]!;
  let oOff = 0;
  for (let it = 0; it < outerCount; it++) {
    if (nIn === 1) {
      const x = data[0]!;
      const s0 = lastSt[0]!;
      let p = offs[0]!;
      if (os === 0) {
        let acc = 0;
        for (let t = 0; t < nLast; t++, p += s0) acc += x[p]!;
        out[oOff] += acc;
      } else {
        let po = oOff;
        for (let t = 0; t < nLast; t++, p += s0, po += os) out[po] += x[p]!;
      }
    } else if (nIn === 2) {
      const x = data[0]!;
      const y = data[1]!;
      const s0 = lastSt[0]!;
      const s1 = lastSt[1]!;
      let p = offs[0]!;
      let q = offs[1]!;
      if (os === 0) {
        let acc = 0;
        for (let t = 0; t < nLast; t++, p += s0, q += s1) acc += x[p]! * y[q]!;
        out[oOff] += acc;
      } else {
        let po = oOff;
        for (let t = 0; t < nLast; t++, p += s0, q += s1, po += os) out[po] += x[p]! * y[q]!;
      }
    } else {
      for (let t = 0; t < nLast; t++) {
        let prod = 1;
        for (let k = 0; k < nIn; k++) prod *= data[k]![offs[k]! + t * lastSt[k]!]!;
        out[oOff + t * os] += prod;
      }
    }
    // Advance the other labels like an odometer.
    for (let d = last - 1; d >= 0; d--) {
      counter[d]++;
      for (let k = 0; k < nIn; k++) offs[k] += inStrides[k]![d]!;
      oOff += outStrides[d]!;
      if (counter[d]! < sizes[d]!) break;
      for (let k = 0; k < nIn; k++) offs[k] -= inStrides[k]![d]! * sizes[d]!;
      oOff -= outStrides[d]! * sizes[d]!;
      counter[d] = 0;
    }
  }
}

/** The same walk on 64-bit integers (exact; the caller wraps on store). */
function runBigInts(walk: Walk, data: readonly BigInt64Array[], out: bigint[]): void {
  const { sizes, inStrides, outStrides } = walk;
  const L = sizes.length;
  const total = sizeOf(sizes);
  const nIn = data.length;
  const counter = new Array<number>(L).fill(0);
  const offs = new Array<number>(nIn).fill(0);
  let oOff = 0;
  for (let it = 0; it < total; it++) {
    let prod = 1n;
    for (let k = 0; k < nIn; k++) prod *= data[k]![offs[k]!]!;
    out[oOff] = out[oOff]! + prod;
    for (let d = L - 1; d >= 0; d--) {
      counter[d]++;
      for (let k = 0; k < nIn; k++) offs[k] += inStrides[k]![d]!;
      oOff += outStrides[d]!;
      if (counter[d]! < sizes[d]!) break;
      for (let k = 0; k < nIn; k++) offs[k] -= inStrides[k]![d]! * sizes[d]!;
      oOff -= outStrides[d]! * sizes[d]!;
      counter[d] = 0;
    }
  }
}

function einsumKernel(ctx: KernelContext) {
  const fail = (m: string) => ctx.fail(m);
  const inputs = ctx.inputs.map((_, i) => ctx.input(i));
  const dtype = inputs[0]!.dtype;
  for (const t of inputs) if (t.dtype !== dtype) ctx.fail(`inputs must share one type, got ${dtypeName(dtype)} and ${dtypeName(t.dtype)}`);
  const eq = parseEquation(ctx.attr.string('equation'), inputs.length, fail);
  const lab = labelAll(eq, inputs.map((t) => t.rank), fail);
  const walk = planWalk(lab, inputs.map((t) => t.dims), fail);
  const n = sizeOf(walk.outDims);
  // 32- and 64-bit integers are computed exactly in bigint; smaller types and floats in float64.
  if (dtype === DataType.INT64 || dtype === DataType.UINT64 || dtype === DataType.INT32 || dtype === DataType.UINT32) {
    const data = inputs.map((t) => {
      const d = t.data();
      return d instanceof BigInt64Array ? d : BigInt64Array.from(d as ArrayLike<number | bigint>, (v) => BigInt.asIntN(64, BigInt(v)));
    });
    const acc = new Array<bigint>(n).fill(0n);
    runBigInts(walk, data, acc);
    let out: BigInt64Array | BigUint64Array | Int32Array | Uint32Array;
    if (dtype === DataType.INT64) out = BigInt64Array.from(acc, (v) => BigInt.asIntN(64, v));
    else if (dtype === DataType.UINT64) out = BigUint64Array.from(acc, (v) => BigInt.asUintN(64, v));
    else if (dtype === DataType.INT32) out = Int32Array.from(acc, (v) => Number(BigInt.asIntN(32, v)));
    else out = Uint32Array.from(acc, (v) => Number(BigInt.asUintN(32, v)));
    return [Tensor.fromData(dtype, walk.outDims, out)];
  }
  if (dtype === DataType.STRING || dtype === DataType.BOOL) ctx.fail(`does not apply to ${dtypeName(dtype)}`);
  const data = inputs.map((t) => (isNarrowFloat(t.dtype) ? toFloat32(t) : dtype === DataType.FLOAT || dtype === DataType.DOUBLE ? toFloat(t) : (t.data() as ArrayLike<number>)));
  const out = new Float64Array(n);
  runNumbers(walk, data, out);
  return [Tensor.fromData(dtype, walk.outDims, encodeFloats(dtype, out))];
}

/** The size of a label from what inference knows: a static size other than 1, else a symbol, else 1. */
function mergeLabelDim(dims: readonly Dim[], fail: (m: string) => never, name: string): Dim {
  let num: number | undefined;
  let sym: string | undefined;
  let unknown = false;
  for (const d of dims) {
    if (d === null) unknown = true;
    else if (typeof d === 'string') sym ??= d;
    else if (d !== 1) {
      if (num !== undefined && num !== d) fail(`label ${name} has size ${num} and ${d}`);
      num = d;
    }
  }
  if (num !== undefined) return num;
  if (sym !== undefined) return sym;
  return unknown ? null : 1;
}

function inferEinsum(ctx: InferContext): (ValueType | undefined)[] {
  const fail = (m: string) => ctx.fail(m);
  const inputs = Array.from({ length: ctx.inputCount }, (_, i) => ctx.input(i));
  const elem = inputs.find((x) => x.elemType)?.elemType ?? DataType.UNDEFINED;
  const eq = parseEquation(ctx.attr.string('equation'), ctx.inputCount, fail);
  const shapes = inputs.map((x) => x.shape);
  // Ellipsis dims need the rank of every input with an ellipsis.
  const needEllipsis = eq.inputs.some((t, i) => t.includes(ELLIPSIS) && !shapes[i]);
  const outputHasEllipsis = eq.output ? eq.output.includes(ELLIPSIS) : eq.inputs.some((t) => t.includes(ELLIPSIS));
  if (needEllipsis && outputHasEllipsis) return [tensorType(elem)];
  // Candidate dims of every letter, and the ellipsis parts of the known shapes.
  const letterDims = new Map<number, Dim[]>();
  const ellipsisParts: Dim[][] = [];
  eq.inputs.forEach((t, i) => {
    const shape = shapes[i];
    if (!shape) {
      for (const l of t) if (l !== ELLIPSIS) letterDims.set(l, [...(letterDims.get(l) ?? []), null]);
      return;
    }
    const letters = t.filter((l) => l !== ELLIPSIS).length;
    const hasEllipsis = t.includes(ELLIPSIS);
    if (hasEllipsis ? letters > shape.length : letters !== shape.length) fail(`input ${i} has rank ${shape.length} but its term has ${letters} labels`);
    const ne = hasEllipsis ? shape.length - letters : 0;
    let ax = 0;
    for (const l of t) {
      if (l === ELLIPSIS) {
        ellipsisParts.push(shape.slice(ax, ax + ne));
        ax += ne;
      } else {
        letterDims.set(l, [...(letterDims.get(l) ?? []), shape[ax]!]);
        ax++;
      }
    }
  });
  const ellipsis = outputHasEllipsis ? broadcastDims(ellipsisParts, fail)! : [];
  // Every label is checked, summed ones too.
  const sizes = new Map([...letterDims].map(([l, ds]) => [l, mergeLabelDim(ds, fail, labelName(l))]));
  const dims: Dim[] = [];
  for (const l of eq.output ?? [ELLIPSIS, ...outputLabels(eq, 0)]) {
    if (l === ELLIPSIS) dims.push(...ellipsis);
    else dims.push(sizes.get(l) ?? null);
  }
  return [tensorType(elem, dims)];
}

/** 2 · the product of the sizes of all distinct labels. */
function einsumFlops(ctx: FlopsContext): number | undefined {
  const shapes: (readonly number[])[] = [];
  for (let i = 0; i < ctx.node.inputs.length; i++) {
    const s = ctx.inputShape(i);
    if (!s) return undefined;
    shapes.push(s);
  }
  try {
    const fail = (m: string): never => {
      throw new Error(m);
    };
    const eq = parseEquation(ctx.attr.string('equation'), shapes.length, fail);
    const sizes = labelSizes(labelAll(eq, shapes.map((s) => s.length), fail), shapes, fail);
    let p = 2;
    for (const s of sizes.values()) p *= s;
    return p;
  } catch {
    return undefined;
  }
}

/** Einstein summation over the inputs: products summed over the labels not in the output. */
export default defineOp({
  opType: 'Einsum',
  category: 'math',
  infer: inferEinsum,
  kernel: einsumKernel,
  flops: einsumFlops,
  versions: [
    { since: 12, inputs: 'Inputs...:T', outputs: 'Output:T', attrs: { equation: 'string!' }, types: { T: '$numeric' } },
  ],
});

/**
 * Compares inferred types with the tensors a runtime actually produced for the same values.
 * Symbolic dims are evaluated with the run's sizes; a symbol inference minted (or an exporter's
 * placeholder name) is bound to the first size seen, then must stay consistent. Such a symbol is an
 * "unknown" finding where it first appears, unless the op that introduces it has data-dependent
 * output sizes.
 */
import { dtypeName } from '../../src/ir/dtype.js';
import type { Graph } from '../../src/ir/graph.js';
import { topologicalOrder } from '../../src/ir/graph.js';
import type { Tensor } from '../../src/ir/tensor.js';
import { shapeString, type Dim, type ValueType } from '../../src/ir/types.js';
import type { Value } from '../../src/ir/value.js';

/** Ops whose output sizes depend on input values (or on the branch taken / iterations run). */
export const DATA_DEPENDENT_OPS = new Set(['NonMaxSuppression', 'NonZero', 'Unique', 'Compress', 'If', 'Loop', 'Scan', 'ConcatFromSequence', 'SequenceAt', 'StringSplit']);

export interface ShapeFinding {
  kind: 'untyped' | 'dtype' | 'rank' | 'dim' | 'unknown' | 'inconsistent';
  value: string;
  node: string;
  op: string;
  inferred: string;
  actual: string;
}

/** Evaluates a dim with known symbol sizes; `unbound` lists the symbols it needs but has no size for. */
export function evalDim(d: Dim, sizes: ReadonlyMap<string, number>): { value?: number; unbound: string[] } {
  if (typeof d === 'number') return { value: d, unbound: [] };
  if (d === null) return { unbound: ['?'] };
  if (sizes.has(d)) return { value: sizes.get(d)!, unbound: [] };
  const tokens = d.match(/[A-Za-z_][A-Za-z0-9_.:]*|\d+|[-+*/()]/g) ?? [];
  if (tokens.join('') !== d.replace(/\s+/g, '')) return { unbound: [d] };
  const unbound: string[] = [];
  let i = 0;
  const peek = () => tokens[i];
  const primary = (): number => {
    const t = tokens[i++];
    if (t === undefined) throw new Error('end of expression');
    if (t === '(') {
      const v = sum();
      i++; // ')'
      return v;
    }
    if (t === '-') return -primary();
    if (/^\d+$/.test(t)) return Number(t);
    if ((t === 'floor' || t === 'ceil') && peek() === '(') {
      i++;
      const v = sum();
      i++;
      return t === 'floor' ? Math.floor(v) : Math.ceil(v);
    }
    const size = sizes.get(t);
    if (size === undefined) unbound.push(t);
    return size ?? NaN;
  };
  const product = (): number => {
    let v = primary();
    while (peek() === '*' || peek() === '/') v = tokens[i++] === '*' ? v * primary() : v / primary();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === '+' || peek() === '-') v = tokens[i++] === '+' ? v + product() : v - product();
    return v;
  };
  try {
    const v = sum();
    return unbound.length > 0 || !Number.isFinite(v) ? { unbound: unbound.length ? unbound : [d] } : { value: v, unbound };
  } catch {
    return { unbound: [d] };
  }
}

/** The symbol names a dim expression mentions. */
function symbolsIn(d: string): string[] {
  return (d.match(/[A-Za-z_][A-Za-z0-9_.:]*/g) ?? []).filter((x) => x !== 'floor' && x !== 'ceil').concat(d);
}

function describeType(t: ValueType | undefined): string {
  if (!t) return 'no type';
  if (t.kind !== 'tensor') return t.kind;
  return `${dtypeName(t.elemType)} ${shapeString(t.shape)}`;
}

export interface AuditOptions {
  /** Sizes of the graph inputs' symbols for this run. */
  sizes: ReadonlyMap<string, number>;
  /** Symbols the model itself names (dim_params of outputs and value_info): bound like minted ones, never "unknown". */
  named?: ReadonlySet<string>;
}

/**
 * Audits the main graph: for every node output the runtime returned, the inferred dtype, rank and
 * each dim against the actual tensor. An unresolved dim is reported where it first arises: at a
 * node none of whose inputs had one already, unless the op's output sizes depend on data.
 */
export function auditShapes(graph: Graph, types: ReadonlyMap<Value, ValueType>, actual: ReadonlyMap<string, Tensor>, opts: AuditOptions): ShapeFinding[] {
  const sizes = new Map(opts.sizes);
  const findings: ShapeFinding[] = [];
  /** Symbols bound from a runtime size during the audit (not from the inputs). */
  const boundHere = new Set<string>();
  /** Values with a dim inference could not resolve: what follows from them is not reported again. */
  const unresolved = new Set<Value>();
  for (const node of topologicalOrder(graph)) {
    const inherited = node.inputs.some((v) => v !== undefined && unresolved.has(v));
    for (const out of node.outputs) {
      const got = actual.get(out.name);
      if (!out.name || !got) continue;
      const t = types.get(out);
      const at = `${dtypeName(got.dtype)} [${got.dims.join(',')}]`;
      const finding = (kind: ShapeFinding['kind'], inferred = describeType(t)) =>
        findings.push({ kind, value: out.name, node: node.name, op: node.opType, inferred, actual: at });
      if (t?.kind !== 'tensor') {
        finding('untyped');
        continue;
      }
      if (t.elemType !== got.dtype) finding('dtype');
      if (!t.shape || t.shape.length !== got.dims.length) {
        if (!inherited) finding('rank');
        unresolved.add(out);
        continue;
      }
      t.shape.forEach((d, i) => {
        const real = got.dims[i]!;
        const ev = evalDim(d, sizes);
        if (ev.value !== undefined) {
          if (ev.value !== real) finding(typeof d === 'string' && boundHere.has(d) ? 'inconsistent' : 'dim', `${describeType(t)} dim ${i} = ${ev.value}`);
          // A symbol bound during the audit still stands for a size inference did not know.
          if (typeof d === 'string' && symbolsIn(d).some((x) => boundHere.has(x) && !opts.named?.has(x))) unresolved.add(out);
          return;
        }
        // A new symbol: bind it to what the runtime produced, so later uses are checked against it.
        if (typeof d === 'string' && ev.unbound.length === 1 && ev.unbound[0] === d) {
          sizes.set(d, real);
          boundHere.add(d);
          if (opts.named?.has(d)) return;
        }
        unresolved.add(out);
        if (!inherited && !DATA_DEPENDENT_OPS.has(node.opType)) finding('unknown', `${describeType(t)} dim ${i} = ${String(d)}`);
      });
    }
  }
  return findings;
}

/** Symbols the model names in its declarations (graph outputs and value_info), minted placeholders excluded. */
export function namedSymbols(graph: Graph): Set<string> {
  const out = new Set<string>();
  for (const v of graph.values()) {
    const t = v.type;
    if (t?.kind !== 'tensor' || !t.shape) continue;
    for (const d of t.shape) if (typeof d === 'string' && !/^unk__\d+$/.test(d)) out.add(d);
  }
  return out;
}

export function formatFindings(findings: readonly ShapeFinding[]): string {
  return findings.map((f) => `${f.kind}: ${f.op} "${f.node}" -> "${f.value}": inferred ${f.inferred}, onnxruntime ${f.actual}`).join('\n');
}

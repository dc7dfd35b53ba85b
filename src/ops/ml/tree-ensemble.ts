import { defineOp } from '../define.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorType, type ValueType } from '../../ir/types.js';
import type { AttrReader } from '../attr-reader.js';
import { encodeFloats, toFloat64, toInts } from '../helpers/convert.js';
import { applyPostTransform, postTransformOfIndex } from '../helpers/ml.js';
import { Aggregator, branchTrue, Rule, type Aggregate } from '../helpers/trees.js';
import type { InferContext, KernelContext } from '../types.js';

const AGGREGATES: readonly Aggregate[] = ['AVERAGE', 'SUM', 'MIN', 'MAX'];

function aggregateOf(attr: AttrReader, fail: (m: string) => never): Aggregate {
  const a = AGGREGATES[attr.int('aggregate_function')];
  if (!a) fail(`aggregate_function should be 0..3, got ${attr.int('aggregate_function')}`);
  return a;
}

/** [N, n_targets] of X's type. */
function inferTreeEnsemble(ctx: InferContext): (ValueType | undefined)[] {
  aggregateOf(ctx.attr, (m) => ctx.fail(m));
  postTransformOfIndex(ctx.attr.int('post_transform'), (m) => ctx.fail(m));
  const x = ctx.input(0);
  if (x.shape && x.shape.length !== 2) ctx.fail(`X should be [N,F], got rank ${x.shape.length}`);
  const targets = ctx.attr.optInt('n_targets') ?? Math.max(0, ...ctx.attr.ints('leaf_targetids')) + 1;
  return [tensorType(x.elemType, [x.shape ? x.shape[0]! : null, targets])];
}

interface Forest {
  rules: Uint8Array;
  features: Int32Array;
  splits: Float64Array;
  /** Child of each branch: a node index, or -(leaf index) - 1 for a leaf. */
  yes: Int32Array;
  no: Int32Array;
  missingTrue: Uint8Array;
  members: (Set<number> | undefined)[];
  /** Per tree: its root node index, or -(leaf index) - 1 for a tree that is a single leaf. */
  roots: number[];
  leafTargets: number[];
  leafWeights: Float64Array;
}

function forestOf(ctx: KernelContext, targets: number): Forest {
  const a = ctx.attr;
  const modes = toInts(a.tensor('nodes_modes'));
  const n = modes.length;
  const splits = toFloat64(a.tensor('nodes_splits'));
  const feats = a.ints('nodes_featureids');
  const trueIds = a.ints('nodes_truenodeids');
  const falseIds = a.ints('nodes_falsenodeids');
  const trueLeaf = a.ints('nodes_trueleafs');
  const falseLeaf = a.ints('nodes_falseleafs');
  const missing = a.optInts('nodes_missing_value_tracks_true') ?? [];
  const lists: [string, ArrayLike<number>][] = [['nodes_splits', splits], ['nodes_featureids', feats], ['nodes_truenodeids', trueIds], ['nodes_falsenodeids', falseIds], ['nodes_trueleafs', trueLeaf], ['nodes_falseleafs', falseLeaf]];
  for (const [name, l] of lists) if (l.length !== n) ctx.fail(`${name} has ${l.length} entries, nodes_modes has ${n}`);
  const leafTargets = a.ints('leaf_targetids');
  const leafWeights = toFloat64(a.tensor('leaf_weights'));
  if (leafWeights.length !== leafTargets.length) ctx.fail(`leaf_weights has ${leafWeights.length} entries, leaf_targetids has ${leafTargets.length}`);
  for (const t of leafTargets) if (t < 0 || t >= targets) ctx.fail(`leaf target id ${t} is outside [0, n_targets=${targets})`);
  const child = (isLeaf: number, id: number) => {
    if (isLeaf) {
      if (id < 0 || id >= leafTargets.length) ctx.fail(`leaf index ${id} is out of range`);
      return -id - 1;
    }
    if (id < 0 || id >= n) ctx.fail(`node index ${id} is out of range`);
    return id;
  };
  const f: Forest = {
    rules: new Uint8Array(n),
    features: Int32Array.from(feats),
    splits,
    yes: new Int32Array(n),
    no: new Int32Array(n),
    missingTrue: new Uint8Array(n),
    members: new Array(n).fill(undefined),
    roots: [],
    leafTargets,
    leafWeights,
  };
  const membership = a.optTensor('membership_values');
  const memberValues = membership ? toFloat64(membership) : new Float64Array(0);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const mode = modes[i]!;
    if (mode < 0 || mode > 6) ctx.fail(`node mode ${mode} is not 0..6`);
    f.rules[i] = mode === 6 ? Rule.Member : (mode as Rule);
    f.missingTrue[i] = (missing[i] ?? 0) >= 1 ? 1 : 0;
    f.yes[i] = child(trueLeaf[i]!, trueIds[i]!);
    f.no[i] = child(falseLeaf[i]!, falseIds[i]!);
    if (mode === 6) {
      // The sets of BRANCH_MEMBER nodes, in node order, separated by NaN.
      if (m >= memberValues.length) ctx.fail('membership_values has fewer sets than there are BRANCH_MEMBER nodes');
      const set = new Set<number>();
      while (m < memberValues.length && !Number.isNaN(memberValues[m]!)) set.add(memberValues[m++]!);
      m++;
      f.members[i] = set;
    }
  }
  for (const r of a.ints('tree_roots')) {
    if (r < 0 || r >= n) ctx.fail(`tree root ${r} is out of range`);
    const single = trueLeaf[r] && falseLeaf[r] && trueIds[r] === falseIds[r];
    f.roots.push(single ? -trueIds[r]! - 1 : r);
  }
  return f;
}

/** The leaf index a row ends in. */
function leafOf(f: Forest, root: number, x: Float64Array, o: number, width: number): number {
  let i = root;
  for (let guard = 0; i >= 0; guard++) {
    if (guard > f.rules.length) return -1;
    const feat = f.features[i]!;
    const v = feat < width ? x[o + feat]! : NaN;
    const rule = f.rules[i] as Rule;
    const hit = rule === Rule.Member ? f.members[i]!.has(v) : branchTrue(rule, v, f.splits[i]!);
    i = hit || (f.missingTrue[i] === 1 && Number.isNaN(v)) ? f.yes[i]! : f.no[i]!;
  }
  return -i - 1;
}

function treeEnsembleKernel(ctx: KernelContext) {
  const mode = aggregateOf(ctx.attr, (m) => ctx.fail(m));
  const transform = postTransformOfIndex(ctx.attr.int('post_transform'), (m) => ctx.fail(m));
  const x = ctx.input(0);
  if (x.rank !== 2) ctx.fail(`X should be [N,F], got shape [${x.dims.join(',')}]`);
  const [n, c] = x.dims as [number, number];
  const data = toFloat64(x);
  const targets = ctx.attr.optInt('n_targets') ?? Math.max(0, ...ctx.attr.ints('leaf_targetids')) + 1;
  const f = forestOf(ctx, targets);
  const agg = new Aggregator(mode, targets);
  const out = new Float64Array(n * targets);
  for (let r = 0; r < n; r++) {
    const o = r * targets;
    agg.start(out, o);
    for (const root of f.roots) {
      const leaf = root < 0 ? -root - 1 : leafOf(f, root, data, r * c, c);
      if (leaf < 0) ctx.fail('a tree has a cycle');
      agg.add(out, o, f.leafTargets[leaf]!, f.leafWeights[leaf]!);
    }
    agg.finish(out, o, f.roots.length, undefined);
  }
  applyPostTransform(transform, out, n, targets);
  return [Tensor.fromData(x.dtype, [n, targets], encodeFloats(x.dtype, out))];
}

/**
 * Regression (or classification scores) by an ensemble of decision trees given as flat node and
 * leaf lists; supports set-membership nodes and the four aggregations.
 */
export default defineOp({
  domain: 'ai.onnx.ml',
  opType: 'TreeEnsemble',
  category: 'ml',
  infer: inferTreeEnsemble,
  kernel: treeEnsembleKernel,
  versions: [
    { since: 5, inputs: 'X:T', outputs: 'Y:T', attrs: { aggregate_function: 'int=1', leaf_targetids: 'ints!', leaf_weights: 'tensor!', membership_values: 'tensor', n_targets: 'int', nodes_falseleafs: 'ints!', nodes_falsenodeids: 'ints!', nodes_featureids: 'ints!', nodes_hitrates: 'tensor', nodes_missing_value_tracks_true: 'ints', nodes_modes: 'tensor!', nodes_splits: 'tensor!', nodes_trueleafs: 'ints!', nodes_truenodeids: 'ints!', post_transform: 'int=0', tree_roots: 'ints!' }, types: { T: 'float double float16' } },
  ],
});

/** Model-level rules: IR version, opset imports, features newer than the IR version. */
import { AttrType } from '../../ir/attributes.js';
import { DataType, dtypeName } from '../../ir/dtype.js';
import { normalizeDomain } from '../../ir/node.js';
import type { ValueType } from '../../ir/types.js';
import { KNOWN_OPSETS } from '../../ops/known-opsets.js';
import { isStandardDomain } from '../../ops/registry.js';
import type { CheckContext } from '../context.js';

/** The newest IR version this tool knows. */
export const IR_VERSION = 14;

/** The first IR version that allows each element type. */
const DTYPE_IR: Partial<Record<DataType, number>> = {
  [DataType.BFLOAT16]: 4,
  [DataType.FLOAT8E4M3FN]: 9,
  [DataType.FLOAT8E4M3FNUZ]: 9,
  [DataType.FLOAT8E5M2]: 9,
  [DataType.FLOAT8E5M2FNUZ]: 9,
  [DataType.UINT4]: 10,
  [DataType.INT4]: 10,
  [DataType.FLOAT4E2M1]: 11,
  [DataType.FLOAT8E8M0]: 12,
  [DataType.UINT2]: 13,
  [DataType.INT2]: 13,
};

/** Highest default-domain opset released with each IR version (onnx releases). */
const MAX_OPSET_FOR_IR: Record<number, number> = { 3: 8, 4: 9, 5: 10, 6: 11, 7: 14, 8: 18, 9: 20, 10: 22, 11: 24, 12: 25, 13: 26 };

function typeFeatures(t: ValueType | undefined, out: { dtypes: Set<DataType>; kinds: Set<string> }): void {
  if (!t) return;
  out.kinds.add(t.kind);
  if (t.kind === 'tensor' || t.kind === 'sparse_tensor') out.dtypes.add(t.elemType);
  if (t.kind === 'sequence' || t.kind === 'optional') typeFeatures(t.elem, out);
  if (t.kind === 'map') {
    out.dtypes.add(t.keyType);
    typeFeatures(t.value, out);
  }
}

export function checkModelHeader(ctx: CheckContext): void {
  const m = ctx.model;
  const ir = m.irVersion;
  if (!ir) {
    ctx.report({ severity: 'error', code: 'E_IR_VERSION_MISSING', message: 'the model has no ir_version' });
  } else if (ir > IR_VERSION) {
    ctx.report({ severity: 'warning', code: 'W_IR_VERSION_NEWER', message: `ir_version ${ir} is newer than the newest this tool knows (${IR_VERSION})` });
  }
  if (!m.hasGraph) ctx.report({ severity: 'error', code: 'E_NO_GRAPH', message: 'the model has no graph' });

  const seen = new Map<string, number>();
  for (const o of m.opsetImports) {
    const d = normalizeDomain(o.domain);
    const label = d || 'ai.onnx';
    if (seen.has(d)) {
      ctx.report({ severity: 'error', code: 'E_OPSET_DUPLICATE', message: `domain "${label}" is imported twice (versions ${seen.get(d)} and ${o.version})` });
    }
    seen.set(d, o.version);
    if (!Number.isInteger(o.version) || o.version <= 0) {
      ctx.report({ severity: 'error', code: 'E_OPSET_INVALID', message: `domain "${label}" is imported with version ${o.version}` });
      continue;
    }
    const known = KNOWN_OPSETS[d];
    if (known !== undefined && o.version > known) {
      ctx.report({
        severity: 'warning',
        code: 'W_OPSET_UNKNOWN',
        message: `opset ${o.version} of "${label}" is newer than the newest this tool knows (${known}); operators are checked against ${known}`,
      });
    }
    if (d === '' && ir && MAX_OPSET_FOR_IR[ir] !== undefined && o.version > MAX_OPSET_FOR_IR[ir]!) {
      ctx.report({
        severity: 'warning',
        code: 'W_IR_OPSET',
        message: `opset ${o.version} was released with a newer IR version than ${ir} (opset ${MAX_OPSET_FOR_IR[ir]} is the last of IR ${ir})`,
      });
    }
  }
  if (m.opsetImports.length === 0 && ir >= 3) {
    ctx.report({ severity: 'error', code: 'E_OPSET_MISSING', message: 'the model imports no opset' });
  }

  if (!ir) return;
  const need = (min: number, what: string) => {
    if (ir < min) ctx.report({ severity: 'error', code: 'E_IR_VERSION_FEATURE', message: `${what} needs IR version ${min}, the model has ${ir}` });
  };
  if (m.functions.length) need(8, 'model-local functions');
  if (m.trainingInfo.length) need(7, 'training info');
  if (m.configuration) need(11, 'device configurations');
  if (m.functions.some((f) => f.overload)) need(10, 'function overloads');
  if (m.functions.some((f) => f.attributeDefaults.length)) need(9, 'function attribute defaults');
  const found = { dtypes: new Set<DataType>(), kinds: new Set<string>() };
  let sparse = false;
  // Indexed loops over values and nodes: this runs once over the whole model, mostly before V8
  // optimizes it, where every for-of step allocates.
  for (const g of m.graph.allGraphs()) {
    if (g.sparseInitializers.length) sparse = true;
    const values = g.values();
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      typeFeatures(v.type, found);
      if (v.constValue) found.dtypes.add(v.constValue.dtype);
    }
    for (const v of g.outputs) typeFeatures(v.type, found);
    const nodes = g.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const attrs = nodes[i]!.attributes;
      if (attrs.size === 0) continue;
      for (const a of attrs.values()) {
        if (a.type === AttrType.TENSOR && a.value) found.dtypes.add((a.value as { dtype: DataType }).dtype);
        if (a.type === AttrType.SPARSE_TENSOR) sparse = true;
      }
    }
  }
  if (sparse) need(6, 'sparse tensors');
  if (found.kinds.has('optional') || found.kinds.has('sparse_tensor')) need(8, 'optional and sparse tensor types');
  if (found.kinds.has('sequence') || found.kinds.has('map')) need(6, 'sequence and map types');
  for (const [t, min] of Object.entries(DTYPE_IR)) {
    if (found.dtypes.has(Number(t))) need(min!, `element type ${dtypeName(Number(t))}`);
  }
  // Every domain used by a node must be imported.
  const used = new Set<string>();
  const all = m.graph.allNodes();
  for (let i = 0; i < all.length; i++) used.add(normalizeDomain(all[i]!.domain));
  for (const d of used) {
    if (seen.has(d)) continue;
    if (m.functions.some((f) => normalizeDomain(f.domain) === d)) continue;
    ctx.report({
      severity: isStandardDomain(d) ? 'error' : 'warning',
      code: 'E_OPSET_MISSING',
      message: `nodes use domain "${d || 'ai.onnx'}" but the model does not import it`,
    });
  }
}

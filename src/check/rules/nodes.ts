/**
 * Rules for each node against its operator's schema: the operator exists at the imported opset,
 * attributes (known, typed, required, allowed values), input/output counts, type constraints.
 */
import { AttrType, attrTypeName } from '../../ir/attributes.js';
import type { FunctionDef } from '../../ir/model.js';
import { functionFor } from '../../ir/functions.js';
import { normalizeDomain, type Node } from '../../ir/node.js';
import type { Value } from '../../ir/value.js';
import { attrTypeOfKind } from '../../ops/attr-reader.js';
import { isStandardDomain } from '../../ops/registry.js';
import { canonicalType } from '../../ops/schema.js';
import type { IoSpec, OpSchema } from '../../ops/types.js';
import type { Diagnostic } from '../../util/diagnostics.js';
import { inScope, type CheckContext, type GraphScope } from '../context.js';
import { allowedAttrValues } from './attribute-values.js';

export function checkNodes(ctx: CheckContext, scope: GraphScope): void {
  const nodes = scope.graph.nodes;
  const site: NodeSite = { ctx, scope, n: nodes[0]! };
  for (let i = 0; i < nodes.length; i++) {
    site.n = nodes[i]!;
    checkNode(site);
  }
}

/**
 * Where a node's findings go. Nodes number in the tens of thousands and almost all are fine, so
 * nothing here is built per node until there is something to report (labels, closures).
 */
interface NodeSite {
  readonly ctx: CheckContext;
  readonly scope: GraphScope;
  /** The node being checked (one site object serves a whole graph). */
  n: Node;
}

function report(site: NodeSite, severity: Diagnostic['severity'], code: string, message: string, value?: string): void {
  const { ctx, scope, n } = site;
  ctx.report({ severity, code, message: inScope(scope, message), node: n.name, opType: n.opType, ...(value ? { value } : {}) });
}

function labelOf(n: Node): string {
  return `node "${n.name}" (${n.qualifiedType})`;
}

function checkNode(site: NodeSite): void {
  const { ctx, scope, n } = site;
  if (!n.opType) {
    report(site, 'error', 'E_UNKNOWN_OP', `${labelOf(n)} has no op_type`);
    return;
  }
  if (!scope.isFunction && n.attributes.size > 0) {
    for (const a of n.attributes.values()) {
      if (a.refAttrName !== undefined) {
        report(site, 'error', 'E_ATTR_REF', `${labelOf(n)}: attribute "${a.name}" refers to "${a.refAttrName}", but only nodes inside functions may refer to attributes`);
      }
    }
  }
  const fn = functionFor(ctx.model, n);
  if (fn) {
    checkFunctionCall(site, fn);
    return;
  }
  const domain = normalizeDomain(n.domain);
  const opset = scope.opsets.get(domain);
  if (opset === undefined) return; // reported once per domain by the model rule
  const schema = ctx.registry.resolve(domain, n.opType, opset);
  if (!schema) {
    const versions = ctx.registry.versions(domain, n.opType);
    if (versions.length) {
      report(site, 'error', 'E_OP_VERSION', `${labelOf(n)}: ${n.opType} first appears in opset ${versions[0]!.since}, the model imports opset ${opset}`);
    } else if (isStandardDomain(domain)) {
      report(site, 'error', 'E_UNKNOWN_OP', `${labelOf(n)}: "${n.opType}" is not an operator of ${domain || 'ai.onnx'}`);
    } else {
      report(site, 'warning', 'W_CUSTOM_OP', `${labelOf(n)}: custom operator of domain "${domain}"; it is not checked and only runtimes that provide it can run the model`);
    }
    return;
  }
  if (schema.deprecated) report(site, 'warning', 'W_DEPRECATED_OP', `${labelOf(n)}: ${n.opType} is deprecated since opset ${schema.since}`);
  checkAttributes(site, schema);
  checkCounts(site, schema);
  checkTypes(site, schema);
}

function checkFunctionCall(site: NodeSite, fn: FunctionDef): void {
  const n = site.n;
  const label = labelOf(n);
  const nin = fn.body.inputs.length;
  const nout = fn.body.outputs.length;
  if (n.inputs.length > nin) report(site, 'error', 'E_INPUT_COUNT', `${label} gives ${n.inputs.length} inputs; function ${fn.name} takes ${nin}`);
  if (n.outputs.length > nout) report(site, 'error', 'E_OUTPUT_COUNT', `${label} takes ${n.outputs.length} outputs; function ${fn.name} has ${nout}`);
  const known = new Set([...fn.attributeNames, ...fn.attributeDefaults.map((a) => a.name)]);
  for (const a of n.attributes.keys()) {
    if (!known.has(a)) report(site, 'error', 'E_ATTR_UNKNOWN', `${label}: function ${fn.name} has no attribute "${a}"`);
  }
}

function checkAttributes(site: NodeSite, schema: OpSchema): void {
  const n = site.n;
  if (n.attributes.size > 0) checkGivenAttributes(site, schema);
  for (const spec of schema.requiredAttrs) {
    if (!n.attributes.has(spec.name)) report(site, 'error', 'E_ATTR_MISSING', `${labelOf(n)}: required attribute "${spec.name}" is missing`);
  }
}

function checkGivenAttributes(site: NodeSite, schema: OpSchema): void {
  const n = site.n;
  for (const a of n.attributes.values()) {
    const spec = schema.attrs.get(a.name);
    if (!spec) {
      const known = [...schema.attrs.keys()];
      report(site, 'error', 'E_ATTR_UNKNOWN', `${labelOf(n)}: unknown attribute "${a.name}"${known.length ? ` (${n.opType}-${schema.since} has ${known.join(', ')})` : ` (${n.opType}-${schema.since} has no attributes)`}`);
      continue;
    }
    if (a.refAttrName !== undefined && a.value === undefined) continue;
    const want = attrTypeOfKind(spec.kind);
    if (a.type !== want) {
      report(site, 'error', 'E_ATTR_TYPE', `${labelOf(n)}: attribute "${a.name}" should be ${attrTypeName(want)}, got ${attrTypeName(a.type)}`);
      continue;
    }
    if (a.type !== AttrType.STRING) continue;
    const allowed = allowedAttrValues(n.opType, a.name, schema.since);
    if (allowed && !allowed.includes(a.value as string)) {
      report(site, 'error', 'E_ATTR_VALUE', `${labelOf(n)}: attribute "${a.name}" is "${String(a.value)}"; allowed: ${allowed.join(', ')}`);
    }
  }
}

function countRange(min: number, max: number): string {
  return min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
}

function checkCounts(site: NodeSite, schema: OpSchema): void {
  const n = site.n;
  const inputs = n.inputs;
  // Trailing omitted inputs do not count against the maximum; a required one given as "" is E_INPUT_MISSING.
  let nin = inputs.length;
  while (nin > 0 && inputs[nin - 1] === undefined) nin--;
  if (inputs.length < schema.minInputs || nin > schema.maxInputs) {
    const count = inputs.length < schema.minInputs ? inputs.length : nin;
    report(site, 'error', 'E_INPUT_COUNT', `${labelOf(n)} has ${count} inputs; ${n.opType}-${schema.since} takes ${countRange(schema.minInputs, schema.maxInputs)}`);
  }
  const specs = schema.inputs;
  for (let i = 0; i < specs.length && i < inputs.length; i++) {
    if (inputs[i] === undefined && specs[i]!.option === 'single') {
      report(site, 'error', 'E_INPUT_MISSING', `${labelOf(n)}: input ${i} ("${specs[i]!.name}") is required but given as ""`);
    }
  }
  const outputs = n.outputs;
  let nout = outputs.length;
  while (nout > 0 && outputs[nout - 1]!.name === '') nout--;
  if (outputs.length < schema.minOutputs || nout > schema.maxOutputs) {
    report(site, 'error', 'E_OUTPUT_COUNT', `${labelOf(n)} has ${outputs.length} outputs; ${n.opType}-${schema.since} gives ${countRange(schema.minOutputs, schema.maxOutputs)}`);
  }
}

/** The spec of the i-th actual input or output (variadic specs repeat). */
function specAt(specs: readonly IoSpec[], i: number): IoSpec | undefined {
  if (i < specs.length) return specs[i];
  const last = specs[specs.length - 1];
  return last?.option === 'variadic' ? last : undefined;
}

/** Allowed type lists as sets (a list can hold 100 type strings; nodes number in the tens of thousands). */
const allowedSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function allowedSet(list: readonly string[]): ReadonlySet<string> {
  let s = allowedSets.get(list);
  if (!s) allowedSets.set(list, (s = new Set(list)));
  return s;
}

/** The first value bound to a type constraint on a node, to compare the next ones with. */
interface Binding {
  type: string;
  role: string;
  i: number;
  spec: IoSpec;
  v: Value;
}

function whereIs(b: Binding): string {
  return `${b.role} ${b.i} ("${b.spec.name}", value "${b.v.name}")`;
}

/**
 * Constraints bound so far on the node being checked: the first `boundCount` entries. A node has
 * a handful, so a list beats a Map; the entries are reused node to node (no object per value).
 */
const bound: Binding[] = [];
let boundCount = 0;

function bind(type: string, role: string, i: number, spec: IoSpec, v: Value): void {
  const b = bound[boundCount];
  if (b) {
    b.type = type;
    b.role = role;
    b.i = i;
    b.spec = spec;
    b.v = v;
  } else bound.push({ type, role, i, spec, v });
  boundCount++;
}

function checkTypes(site: NodeSite, schema: OpSchema): void {
  boundCount = 0;
  checkTypesOf(site, schema, site.n.inputs, schema.inputs, 'input');
  checkTypesOf(site, schema, site.n.outputs, schema.outputs, 'output');
}

function checkTypesOf(site: NodeSite, schema: OpSchema, values: readonly (Value | undefined)[], specs: readonly IoSpec[], role: string): void {
  const n = site.n;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!v || !v.name) continue;
    const spec = specAt(specs, i);
    if (!spec) continue;
    const t = canonicalType(site.ctx.types.get(v) ?? v.type);
    if (!t) continue;
    if (!allowedSet(spec.allowed).has(t)) {
      const what = spec.constraint ? `type constraint ${spec.constraint}` : 'its type';
      report(site, 'error', 'E_TYPE_CONSTRAINT', `${labelOf(n)}: ${whereIs({ type: t, role, i, spec, v })} is ${t}, not allowed by ${what} of ${n.opType}-${schema.since}`, v.name);
      continue;
    }
    if (!spec.constraint || (spec.option === 'variadic' && !spec.homogeneous)) continue;
    let prev: Binding | undefined;
    for (let k = 0; k < boundCount; k++) if (bound[k]!.spec.constraint === spec.constraint) prev = bound[k];
    if (prev && prev.type !== t) {
      report(site, 'error', 'E_TYPE_CONSTRAINT', `${labelOf(n)}: ${whereIs({ type: t, role, i, spec, v })} is ${t} but ${whereIs(prev)} is ${prev.type}; both are ${spec.constraint}`, v.name);
    } else if (!prev) bind(t, role, i, spec, v);
  }
}

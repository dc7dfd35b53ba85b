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
  for (const n of scope.graph.nodes) checkNode(ctx, scope, n);
}

function checkNode(ctx: CheckContext, scope: GraphScope, n: Node): void {
  const report = (severity: Diagnostic['severity'], code: string, message: string, value?: string) =>
    ctx.report({ severity, code, message: inScope(scope, message), node: n.name, opType: n.opType, ...(value ? { value } : {}) });
  const label = `node "${n.name}" (${n.qualifiedType})`;
  if (!n.opType) {
    report('error', 'E_UNKNOWN_OP', `${label} has no op_type`);
    return;
  }
  for (const a of n.attributes.values()) {
    if (a.refAttrName !== undefined && !scope.isFunction) {
      report('error', 'E_ATTR_REF', `${label}: attribute "${a.name}" refers to "${a.refAttrName}", but only nodes inside functions may refer to attributes`);
    }
  }
  const fn = functionFor(ctx.model, n);
  if (fn) {
    checkFunctionCall(n, fn, report, label);
    return;
  }
  const domain = normalizeDomain(n.domain);
  const opset = scope.opsets.get(domain);
  if (opset === undefined) return; // reported once per domain by the model rule
  const schema = ctx.registry.resolve(domain, n.opType, opset);
  if (!schema) {
    const versions = ctx.registry.versions(domain, n.opType);
    if (versions.length) {
      report('error', 'E_OP_VERSION', `${label}: ${n.opType} first appears in opset ${versions[0]!.since}, the model imports opset ${opset}`);
    } else if (isStandardDomain(domain)) {
      report('error', 'E_UNKNOWN_OP', `${label}: "${n.opType}" is not an operator of ${domain || 'ai.onnx'}`);
    } else {
      report('warning', 'W_CUSTOM_OP', `${label}: custom operator of domain "${domain}"; it is not checked and only runtimes that provide it can run the model`);
    }
    return;
  }
  if (schema.deprecated) report('warning', 'W_DEPRECATED_OP', `${label}: ${n.opType} is deprecated since opset ${schema.since}`);
  checkAttributes(n, schema, report, label);
  checkCounts(n, schema, report, label);
  checkTypes(ctx, n, schema, report, label);
}

type Report = (severity: Diagnostic['severity'], code: string, message: string, value?: string) => void;

function checkFunctionCall(n: Node, fn: FunctionDef, report: Report, label: string): void {
  const nin = fn.body.inputs.length;
  const nout = fn.body.outputs.length;
  if (n.inputs.length > nin) report('error', 'E_INPUT_COUNT', `${label} gives ${n.inputs.length} inputs; function ${fn.name} takes ${nin}`);
  if (n.outputs.length > nout) report('error', 'E_OUTPUT_COUNT', `${label} takes ${n.outputs.length} outputs; function ${fn.name} has ${nout}`);
  const known = new Set([...fn.attributeNames, ...fn.attributeDefaults.map((a) => a.name)]);
  for (const a of n.attributes.keys()) {
    if (!known.has(a)) report('error', 'E_ATTR_UNKNOWN', `${label}: function ${fn.name} has no attribute "${a}"`);
  }
}

function checkAttributes(n: Node, schema: OpSchema, report: Report, label: string): void {
  for (const a of n.attributes.values()) {
    const spec = schema.attrs.get(a.name);
    if (!spec) {
      const known = [...schema.attrs.keys()];
      report('error', 'E_ATTR_UNKNOWN', `${label}: unknown attribute "${a.name}"${known.length ? ` (${n.opType}-${schema.since} has ${known.join(', ')})` : ` (${n.opType}-${schema.since} has no attributes)`}`);
      continue;
    }
    if (a.refAttrName !== undefined && a.value === undefined) continue;
    const want = attrTypeOfKind(spec.kind);
    if (a.type !== want) {
      report('error', 'E_ATTR_TYPE', `${label}: attribute "${a.name}" should be ${attrTypeName(want)}, got ${attrTypeName(a.type)}`);
      continue;
    }
    const allowed = allowedAttrValues(n.opType, a.name, schema.since);
    if (allowed && a.type === AttrType.STRING && !allowed.includes(a.value as string)) {
      report('error', 'E_ATTR_VALUE', `${label}: attribute "${a.name}" is "${String(a.value)}"; allowed: ${allowed.join(', ')}`);
    }
  }
  for (const spec of schema.attrs.values()) {
    if (spec.required && !n.attributes.has(spec.name)) report('error', 'E_ATTR_MISSING', `${label}: required attribute "${spec.name}" is missing`);
  }
}

function checkCounts(n: Node, schema: OpSchema, report: Report, label: string): void {
  const range = (min: number, max: number) => (min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`);
  // Trailing omitted inputs do not count against the maximum; a required one given as "" is E_INPUT_MISSING.
  let nin = n.inputs.length;
  while (nin > 0 && n.inputs[nin - 1] === undefined) nin--;
  if (n.inputs.length < schema.minInputs || nin > schema.maxInputs) {
    const count = n.inputs.length < schema.minInputs ? n.inputs.length : nin;
    report('error', 'E_INPUT_COUNT', `${label} has ${count} inputs; ${n.opType}-${schema.since} takes ${range(schema.minInputs, schema.maxInputs)}`);
  }
  schema.inputs.forEach((spec, i) => {
    if (spec.option === 'single' && i < n.inputs.length && n.inputs[i] === undefined) {
      report('error', 'E_INPUT_MISSING', `${label}: input ${i} ("${spec.name}") is required but given as ""`);
    }
  });
  let nout = n.outputs.length;
  while (nout > 0 && n.outputs[nout - 1]!.name === '') nout--;
  if (n.outputs.length < schema.minOutputs || nout > schema.maxOutputs) {
    report('error', 'E_OUTPUT_COUNT', `${label} has ${n.outputs.length} outputs; ${n.opType}-${schema.since} gives ${range(schema.minOutputs, schema.maxOutputs)}`);
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

function checkTypes(ctx: CheckContext, n: Node, schema: OpSchema, report: Report, label: string): void {
  const bound = new Map<string, { type: string; role: string; i: number; spec: IoSpec; v: Value }>();
  const where = (role: string, i: number, spec: IoSpec, v: Value) => `${role} ${i} ("${spec.name}", value "${v.name}")`;
  const check = (values: readonly (Value | undefined)[], specs: readonly IoSpec[], role: string) => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!v || !v.name) continue;
      const spec = specAt(specs, i);
      if (!spec) continue;
      const t = canonicalType(ctx.types.get(v) ?? v.type);
      if (!t) continue;
      if (!allowedSet(spec.allowed).has(t)) {
        const what = spec.constraint ? `type constraint ${spec.constraint}` : 'its type';
        report('error', 'E_TYPE_CONSTRAINT', `${label}: ${where(role, i, spec, v)} is ${t}, not allowed by ${what} of ${n.opType}-${schema.since}`, v.name);
        continue;
      }
      if (!spec.constraint || (spec.option === 'variadic' && !spec.homogeneous)) continue;
      const prev = bound.get(spec.constraint);
      if (prev && prev.type !== t) {
        const prevWhere = where(prev.role, prev.i, prev.spec, prev.v);
        report('error', 'E_TYPE_CONSTRAINT', `${label}: ${where(role, i, spec, v)} is ${t} but ${prevWhere} is ${prev.type}; both are ${spec.constraint}`, v.name);
      } else if (!prev) bound.set(spec.constraint, { type: t, role, i, spec, v });
    }
  };
  check(n.inputs, schema.inputs, 'input');
  check(n.outputs, schema.outputs, 'output');
}

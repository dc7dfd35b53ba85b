/**
 * `--insert-node 'Relu:name=r1:inputs=x:outputs=y:rewire'`: adds a node to the main graph,
 * checked against the op's schema (input and output counts, attribute names and kinds). With
 * `rewire`, the consumers of one of its inputs use its first output instead.
 */
import type { Attribute } from '../ir/attributes.js';
import type { Graph } from '../ir/graph.js';
import { Node, normalizeDomain } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import { attrTypeOfKind } from '../ops/attr-reader.js';
import { isStandardDomain } from '../ops/registry.js';
import type { OpSchema } from '../ops/types.js';
import { allNames, findValue, nodeLabel } from './lookup.js';
import { guessAttrType, parseAttrValue } from './parse.js';
import { argError, editError, type EditSession } from './session.js';
import type { EditChange, InsertNodeEdit } from './types.js';

function freshName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** Nodes of `g` downstream of `from` (the nodes themselves included). */
function downstream(g: Graph, from: readonly Node[]): Set<Node> {
  const out = new Set<Node>();
  const stack = [...from];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (out.has(n)) continue;
    out.add(n);
    for (const o of n.outputs) {
      for (const u of o.uses()) {
        let owner: Node | undefined = u.node;
        while (owner && owner.graph !== g) owner = owner.graph?.parentNode;
        if (owner) stack.push(owner);
      }
    }
  }
  return out;
}

export function insertNode(s: EditSession, e: InsertNodeEdit): EditChange {
  const { model } = s;
  const g = model.graph;
  const domain = normalizeDomain(e.domain ?? '');
  const where = `insert-node ${e.opType}`;
  if (!e.opType) throw argError('insert-node: the op type is empty');
  const opset = model.opsetOf(domain);
  const fn = model.findFunction(domain, e.opType);
  if (opset === undefined && !fn) {
    throw editError(`${where}: the model imports no opset for domain "${domain || 'ai.onnx'}"`, { hint: `add one with --set-opset ${domain ? `${domain}=1` : '17'}` });
  }
  const schema: OpSchema | undefined = fn ? undefined : s.registry.resolve(domain, e.opType, opset ?? 0);
  if (!schema && !fn && isStandardDomain(domain)) {
    throw editError(`${where}: "${e.opType}" is not an operator of ${domain || 'ai.onnx'} at opset ${opset}`);
  }

  const inputs = e.inputs.map((n) => (n === '' ? undefined : findValue(g, n, 'value')));
  const names = allNames(model);
  const nodeName = e.name ?? freshName(e.opType.toLowerCase(), names.nodes);
  if (names.nodes.has(nodeName)) throw editError(`${where}: a node named "${nodeName}" already exists`, { node: nodeName });
  const outCount = e.outputs?.length ?? Math.max(1, schema?.minOutputs ?? 1);
  const outNames = e.outputs ? [...e.outputs] : Array.from({ length: outCount }, (_, i) => freshName(`${nodeName}_output_${i}`, names.values));
  for (const [i, n] of outNames.entries()) {
    if (!n) throw argError(`${where}: output ${i} has no name`);
    if (names.values.has(n) || outNames.indexOf(n) !== i) throw editError(`${where}: a value named "${n}" already exists`, { value: n });
  }
  if (schema) {
    if (inputs.length < schema.minInputs || inputs.length > schema.maxInputs) {
      throw editError(`${where}: ${e.opType} takes ${range(schema.minInputs, schema.maxInputs)} inputs, got ${inputs.length}`);
    }
    if (outNames.length < schema.minOutputs || outNames.length > schema.maxOutputs) {
      throw editError(`${where}: ${e.opType} has ${range(schema.minOutputs, schema.maxOutputs)} outputs, got ${outNames.length}`);
    }
  }
  const attributes: Attribute[] = [];
  for (const [name, raw] of Object.entries(e.attrs ?? {})) {
    const spec = schema?.attrs.get(name);
    if (schema && !spec) {
      const known = [...schema.attrs.keys()];
      throw editError(`${where}: ${e.opType} has no attribute "${name}"${known.length ? ` (it has ${known.join(', ')})` : ''}`);
    }
    const type = spec ? attrTypeOfKind(spec.kind) : guessAttrType(raw);
    attributes.push({ name, type, value: parseAttrValue(type, raw, `${where} attribute "${name}"`, (f) => s.readTensor(f)) });
  }
  for (const spec of schema?.attrs.values() ?? []) {
    if (spec.required && !attributes.some((a) => a.name === spec.name)) throw editError(`${where}: ${e.opType} needs attribute "${spec.name}"`);
  }

  let rewired: Value | undefined;
  if (e.rewire !== undefined && e.rewire !== false) {
    rewired = e.rewire === true ? inputs[0] : findValue(g, e.rewire, 'value');
    if (!rewired || !inputs.includes(rewired)) {
      throw argError(`${where}: rewire names "${e.rewire === true ? '(first input)' : e.rewire}", which is not one of its inputs`);
    }
    const consumers = rewired.consumers().map((n) => {
      let owner: Node | undefined = n;
      while (owner && owner.graph !== g) owner = owner.graph?.parentNode;
      return owner!;
    });
    const after = downstream(g, consumers);
    const loop = inputs.find((v) => v?.producer && after.has(v.producer));
    if (loop) {
      throw editError(`${where}: rewiring the consumers of "${rewired.name}" would make a cycle: input "${loop.name}" is computed from them (by ${nodeLabel(loop.producer!)})`);
    }
  }

  // Validated: build and place the node right after the last producer of its inputs.
  const node = new Node({ opType: e.opType, domain, name: nodeName, inputs, outputs: outNames, attributes });
  const positions = inputs.map((v) => (v?.producer?.graph === g ? g.nodes.indexOf(v.producer) : -1));
  const last = Math.max(-1, ...positions);
  if (last >= 0) g.insertAfter(g.nodes[last]!, node);
  else if (g.nodes.length > 0) g.insertBefore(g.nodes[0]!, node);
  else g.append(node);
  let consumers = '';
  if (rewired) {
    const out = node.outputs[0]!;
    const uses = rewired.uses().filter((u) => u.node !== node);
    consumers = [...new Set(uses.map((u) => nodeLabel(u.node)))].join(', ');
    for (const u of uses) u.node.replaceInput(u.index, out);
    if (g.outputs.includes(rewired)) {
      g.replaceOutput(rewired, out);
      consumers = [consumers, 'the graph output'].filter(Boolean).join(' and ');
    }
    g.sortTopologically();
  }
  s.typesStale = true;
  return {
    op: 'insert-node',
    node: nodeName,
    opType: e.opType,
    ...(domain ? { domain } : {}),
    inputs: e.inputs,
    outputs: outNames,
    ...(rewired ? { rewired: rewired.name } : {}),
    summary: `inserted node ${nodeLabel(node)} (${e.inputs.map((n) => `"${n}"`).join(', ')} -> ${outNames.map((n) => `"${n}"`).join(', ')})${
      rewired ? `; ${consumers || 'no node'} now use "${outNames[0]}" instead of "${rewired.name}"` : ''
    }`,
  };
}

function range(min: number, max: number): string {
  if (min === max) return String(min);
  return max === Infinity || max > 1e6 ? `at least ${min}` : `${min} to ${max}`;
}

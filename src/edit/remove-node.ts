/**
 * `--remove-node NAME`: removes a node and hands its single data input to the consumers of its
 * single used output. A dead node (nothing uses its outputs) is removed whatever its arity.
 */
import type { Value } from '../ir/value.js';
import { consumersOf, findNode, nodeLabel } from './lookup.js';
import { editError, type EditSession } from './session.js';
import type { EditChange, RemoveNodeEdit } from './types.js';

/** An input that carries data rather than a constant (an initializer or a Constant node's output). */
function isData(v: Value): boolean {
  if (v.producer) return v.producer.opType !== 'Constant' || v.producer.domain !== '';
  return !(v.isInitializer() && !v.isGraphInput());
}

export function removeNode(s: EditSession, e: RemoveNodeEdit): EditChange {
  const node = findNode(s.model, e.name);
  const g = node.graph!;
  const used = node.outputs.filter((o) => o.uses().length > 0 || g.outputs.includes(o));
  if (used.length === 0) {
    g.remove(node);
    s.typesStale = true;
    return { op: 'remove-node', node: node.name, opType: node.opType, dead: true, summary: `removed node ${nodeLabel(node)} (nothing used its outputs)` };
  }
  const present = node.inputs.filter((v): v is Value => v !== undefined);
  const data = present.filter(isData);
  const input = data.length === 1 ? data[0]! : data.length === 0 && present.length === 1 ? present[0]! : undefined;
  if (!input || used.length !== 1) {
    const ins = data.length === 0 ? 'no data input' : `${data.length} data input${data.length > 1 ? 's' : ''} (${data.map((v) => `"${v.name}"`).join(', ')})`;
    const uses = used.map((o) => `"${o.name}" is used by ${o.uses().length ? consumersOf(o) : 'nobody'}${g.outputs.includes(o) ? ' and is a graph output' : ''}`).join('; ');
    throw editError(`cannot remove node ${nodeLabel(node)}: it has ${ins} and ${used.length} used output${used.length > 1 ? 's' : ''}, so its consumers cannot be rewired (${uses})`, {
      node: node.name,
      opType: node.opType,
      hint: 'remove its consumers first, or insert the node that should replace it and rewire them (--insert-node)',
    });
  }
  const out = used[0]!;
  const consumers = out.uses().length ? consumersOf(out) : '';
  const isOutput = g.outputs.includes(out);
  if (isOutput && g.outputs.includes(input)) {
    throw editError(`cannot remove node ${nodeLabel(node)}: both its input "${input.name}" and its output "${out.name}" are graph outputs`, { node: node.name });
  }
  // The graph output keeps its name when the input is an intermediate value that can take it.
  const takeName = isOutput && input.producer?.graph === g && !input.isGraphOutput();
  const outName = out.name;
  const inName = input.name;
  out.replaceAllUsesWith(input, { replaceGraphOutputs: true });
  g.remove(node);
  if (takeName) {
    const old = input.name;
    g.renameValue(input, outName);
    for (const q of g.quantizationAnnotations ?? []) if (q.tensorName === old) q.tensorName = outName;
  }
  s.typesStale = true;
  const rewired = [
    consumers && `${consumers} now use "${inName}"`,
    isOutput && (takeName ? `"${inName}" (from ${nodeLabel(input.producer!)}) is renamed "${outName}" and stays the graph output` : `graph output "${outName}" is now "${inName}"`),
  ]
    .filter(Boolean)
    .join('; ');
  return {
    op: 'remove-node',
    node: node.name,
    opType: node.opType,
    input: inName,
    output: outName,
    ...(takeName ? { renamed: outName } : {}),
    summary: `removed node ${nodeLabel(node)}; ${rewired}`,
  };
}

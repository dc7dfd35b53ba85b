/**
 * `--set-attr NODE.ATTR=VALUE`: sets an attribute, reading the value by the kind the op's schema
 * gives it (int, float, string, ints "1,2,3", floats, strings, tensor "@FILE").
 */
import { AttrType, attrTypeName } from '../ir/attributes.js';
import type { Node } from '../ir/node.js';
import type { Model } from '../ir/model.js';
import { attrTypeOfKind } from '../ops/attr-reader.js';
import type { OpRegistry } from '../ops/registry.js';
import type { AttrSpec } from '../ops/types.js';
import { findNode, nodeLabel } from './lookup.js';
import { attrJson, guessAttrType, parseAttrValue } from './parse.js';
import { editError, type EditSession } from './session.js';
import type { EditChange, SetAttrEdit } from './types.js';

/** The schema's attributes of a node's op at the model's opset; undefined for ops without a schema. */
export function schemaAttrs(model: Model, registry: OpRegistry, node: Node): ReadonlyMap<string, AttrSpec> | undefined {
  const opset = model.opsetOf(node.domain);
  if (opset === undefined || model.findFunction(node.domain, node.opType)) return undefined;
  return registry.resolve(node.domain, node.opType, opset)?.attrs;
}

export function setAttr(s: EditSession, e: SetAttrEdit): EditChange {
  const node = findNode(s.model, e.node);
  const where = `set-attr ${e.node}.${e.attr}`;
  const attrs = schemaAttrs(s.model, s.registry, node);
  const spec = attrs?.get(e.attr);
  if (attrs && !spec) {
    const known = [...attrs.keys()];
    throw editError(`${where}: ${node.opType} has no attribute "${e.attr}"${known.length ? ` (it has ${known.join(', ')})` : ''}`, {
      node: node.name,
      opType: node.opType,
    });
  }
  const old = node.attributes.get(e.attr);
  const type = spec ? attrTypeOfKind(spec.kind) : old && old.type !== AttrType.UNDEFINED ? old.type : guessAttrType(e.value);
  if (type === AttrType.GRAPH || type === AttrType.GRAPHS) {
    throw editError(`${where}: ${attrTypeName(type)} attributes (subgraphs) cannot be set here`, { node: node.name });
  }
  const value = parseAttrValue(type, e.value, where, (f) => s.readTensor(f));
  const from = attrJson(old);
  node.setAttribute(e.attr, { name: e.attr, type, value });
  s.typesStale = true;
  const to = attrJson(node.attributes.get(e.attr));
  return {
    op: 'set-attr',
    node: node.name,
    attr: e.attr,
    type: attrTypeName(type),
    from,
    to,
    summary: `node ${nodeLabel(node)}: ${e.attr} ${old ? JSON.stringify(from) : '(unset)'} -> ${JSON.stringify(to)}`,
  };
}

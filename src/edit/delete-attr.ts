/** `--delete-attr NODE.ATTR`: removes an attribute (the schema's default then applies); a required one is refused. */
import { findNode, nodeLabel } from './lookup.js';
import { attrJson } from './parse.js';
import { editError, type EditSession } from './session.js';
import { schemaAttrs } from './set-attr.js';
import type { DeleteAttrEdit, EditChange } from './types.js';

export function deleteAttr(s: EditSession, e: DeleteAttrEdit): EditChange {
  const node = findNode(s.model, e.node);
  const old = node.attributes.get(e.attr);
  if (!old) {
    const has = [...node.attributes.keys()];
    throw editError(`delete-attr: node ${nodeLabel(node)} has no attribute "${e.attr}"${has.length ? ` (it has ${has.join(', ')})` : ''}`, { node: node.name });
  }
  const spec = schemaAttrs(s.model, s.registry, node)?.get(e.attr);
  if (spec?.required) throw editError(`delete-attr: attribute "${e.attr}" of ${node.opType} is required`, { node: node.name, opType: node.opType });
  const from = attrJson(old);
  node.deleteAttribute(e.attr);
  s.typesStale = true;
  const fallback = spec?.default !== undefined ? ` (default ${JSON.stringify(spec.default)} applies)` : '';
  return { op: 'delete-attr', node: node.name, attr: e.attr, from, summary: `node ${nodeLabel(node)}: deleted ${e.attr} ${JSON.stringify(from)}${fallback}` };
}

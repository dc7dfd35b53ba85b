/** Dispatches each edit to its file. Every edit validates before it mutates anything. */
import { addOutput } from './add-output.js';
import { cleanup } from './cleanup.js';
import { deleteAttr } from './delete-attr.js';
import { extract } from './extract.js';
import { insertNode } from './insert-node.js';
import { merge } from './merge.js';
import { deleteMetadata, setDoc, setMetadata, setProducer } from './model-info.js';
import { prefix } from './prefix.js';
import { removeInput } from './remove-input.js';
import { removeNode } from './remove-node.js';
import { removeOutput } from './remove-output.js';
import { rename } from './rename.js';
import type { EditSession } from './session.js';
import { setAttr } from './set-attr.js';
import { setBatch } from './set-batch.js';
import { setDtype } from './set-dtype.js';
import { setInitializer } from './set-initializer.js';
import { setOpset } from './set-opset.js';
import { setShape } from './set-shape.js';
import type { Edit, EditChange } from './types.js';

export function applyEdit(s: EditSession, e: Edit): EditChange {
  switch (e.op) {
    case 'rename':
      return rename(s, e);
    case 'prefix':
      return prefix(s, e);
    case 'set-shape':
      return setShape(s, e);
    case 'set-batch':
      return setBatch(s, e);
    case 'set-dtype':
      return setDtype(s, e);
    case 'extract':
      return extract(s, e);
    case 'add-output':
      return addOutput(s, e);
    case 'remove-output':
      return removeOutput(s, e);
    case 'remove-input':
      return removeInput(s, e);
    case 'remove-node':
      return removeNode(s, e);
    case 'insert-node':
      return insertNode(s, e);
    case 'set-attr':
      return setAttr(s, e);
    case 'delete-attr':
      return deleteAttr(s, e);
    case 'set-initializer':
      return setInitializer(s, e);
    case 'set-opset':
      return setOpset(s, e);
    case 'set-producer':
      return setProducer(s, e);
    case 'set-doc':
      return setDoc(s, e);
    case 'set-metadata':
      return setMetadata(s, e);
    case 'delete-metadata':
      return deleteMetadata(s, e);
    case 'merge':
      return merge(s, e);
    case 'cleanup':
      return cleanup(s, e);
  }
}

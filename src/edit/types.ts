/**
 * The edits of `onnx edit`, as plain data: the command-line flags and a `--script` file both
 * become a list of these, applied in order. docs/edit.md documents the same objects.
 */
import type { Dim } from '../ir/types.js';

/** An attribute value as written by a user: text from a flag, or a JSON value from a script. */
export type AttrText = string | number | boolean | readonly (number | string)[];

/** A shape: dims (number, symbol, null for unknown) or their text form "1,3,H,?". */
export type ShapeText = readonly Dim[] | string;

export interface RenameEdit {
  op: 'rename';
  from: string;
  to: string;
  /** Only a value or only a node; by default both, whichever carries the name. */
  kind?: 'value' | 'node';
}
export interface PrefixEdit {
  op: 'prefix';
  prefix: string;
}
export interface SetShapeEdit {
  op: 'set-shape';
  name: string;
  shape: ShapeText;
}
export interface SetBatchEdit {
  op: 'set-batch';
  /** A size, a symbol ("N"), or null / "?" for unknown. */
  batch: number | string | null;
}
export interface SetDtypeEdit {
  op: 'set-dtype';
  name: string;
  dtype: string;
}
export interface ExtractEdit {
  op: 'extract';
  /** Where the subgraph starts; by default the graph inputs it needs. */
  inputs?: readonly string[];
  outputs: readonly string[];
}
export interface AddOutputEdit {
  op: 'add-output';
  /** A value name, or "all" for every value computed by a node of the main graph. */
  name: string;
}
export interface RemoveOutputEdit {
  op: 'remove-output';
  name: string;
}
export interface RemoveInputEdit {
  op: 'remove-input';
  name: string;
}
export interface RemoveNodeEdit {
  op: 'remove-node';
  name: string;
}
export interface InsertNodeEdit {
  op: 'insert-node';
  opType: string;
  domain?: string;
  name?: string;
  /** Input value names; "" for an omitted optional input. */
  inputs: readonly string[];
  /** Output names (new); by default one, named after the node. */
  outputs?: readonly string[];
  attrs?: Readonly<Record<string, AttrText>>;
  /** Consumers of this input (true: the first input) use the node's first output instead. */
  rewire?: string | boolean;
}
export interface SetAttrEdit {
  op: 'set-attr';
  node: string;
  attr: string;
  value: AttrText;
}
export interface DeleteAttrEdit {
  op: 'delete-attr';
  node: string;
  attr: string;
}
export interface SetInitializerEdit {
  op: 'set-initializer';
  name: string;
  /** A tensor file (.npy, .npz, .pb, .json). */
  file: string;
}
export interface SetOpsetEdit {
  op: 'set-opset';
  /** '' (or 'ai.onnx') for the default domain. */
  domain?: string;
  version: number;
}
export interface SetProducerEdit {
  op: 'set-producer';
  name: string;
  version?: string;
}
export interface SetDocEdit {
  op: 'set-doc';
  doc: string;
}
export interface SetMetadataEdit {
  op: 'set-metadata';
  key: string;
  value: string;
}
export interface DeleteMetadataEdit {
  op: 'delete-metadata';
  key: string;
}
export interface MergeEdit {
  op: 'merge';
  /** Path of the other model. */
  model: string;
  /** Pairs [output of this model, input of the other], by their names before prefixing. */
  connect: readonly (readonly [string, string])[];
  /** Prefix for every name of the other model. */
  prefix?: string;
}
export interface CleanupEdit {
  op: 'cleanup';
}

export type Edit =
  | RenameEdit
  | PrefixEdit
  | SetShapeEdit
  | SetBatchEdit
  | SetDtypeEdit
  | ExtractEdit
  | AddOutputEdit
  | RemoveOutputEdit
  | RemoveInputEdit
  | RemoveNodeEdit
  | InsertNodeEdit
  | SetAttrEdit
  | DeleteAttrEdit
  | SetInitializerEdit
  | SetOpsetEdit
  | SetProducerEdit
  | SetDocEdit
  | SetMetadataEdit
  | DeleteMetadataEdit
  | MergeEdit
  | CleanupEdit;

export type EditOp = Edit['op'];

/**
 * What one edit did, for the report: `op`, a one-line `summary`, and facts particular to the
 * edit (names, old and new shapes ...). Plain JSON data.
 */
export interface EditChange {
  op: EditOp | 'infer';
  summary: string;
  [fact: string]: unknown;
}

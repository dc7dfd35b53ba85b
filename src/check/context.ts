import type { Graph } from '../ir/graph.js';
import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { ValueType } from '../ir/types.js';
import type { Value } from '../ir/value.js';
import type { OpRegistry } from '../ops/registry.js';
import type { Diagnostic } from '../util/diagnostics.js';

/** What every check rule gets: the model, the registry, the inferred types, and a sink. */
export interface CheckContext {
  readonly model: Model;
  readonly registry: OpRegistry;
  /** Types after inference (declared where inference knows nothing). */
  readonly types: ReadonlyMap<Value, ValueType>;
  report(d: Diagnostic): void;
}

/** A graph with the opsets in force inside it and a label for messages. */
export interface GraphScope {
  graph: Graph;
  opsets: ReadonlyMap<string, number>;
  /** '' for the main graph; `node "loop_1" body` for subgraphs; `function "f"` for functions. */
  where: string;
  /** The node holding this graph, for subgraphs. */
  parent?: Node;
  /** Names visible from enclosing scopes (for undefined-input and shadowing checks). */
  outer: ReadonlySet<string>;
  isFunction: boolean;
  isMain: boolean;
}

/** Adds "in <where>" to a message about a subgraph or function. */
export function inScope(scope: GraphScope, message: string): string {
  return scope.where ? `${message} (in ${scope.where})` : message;
}

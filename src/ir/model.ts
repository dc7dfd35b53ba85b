import type { Attribute } from './attributes.js';
import { Graph } from './graph.js';
import type { StringPairs } from './value.js';
import { normalizeDomain } from './node.js';
import { OnnxError } from '../util/errors.js';

export interface OpsetImport {
  domain: string;
  version: number;
}

/**
 * A model-local function (FunctionProto). The body is a Graph whose inputs and outputs are the
 * function's formal parameters (usually untyped).
 */
export class FunctionDef {
  overload?: string;
  docString?: string;
  metadataProps?: StringPairs;
  /** Names of the function's attributes (FunctionProto.attribute). */
  attributeNames: string[] = [];
  /** Attributes with default values (FunctionProto.attribute_proto). */
  attributeDefaults: Attribute[] = [];
  opsetImports: OpsetImport[] = [];

  constructor(
    public domain: string,
    public name: string,
    readonly body: Graph = new Graph(name),
  ) {}

  /** `domain::name` or `domain::name:overload`, the key models use to call it. */
  get key(): string {
    return functionKey(this.domain, this.name, this.overload);
  }
}

export function functionKey(domain: string, name: string, overload?: string): string {
  return `${normalizeDomain(domain)}::${name}${overload ? `:${overload}` : ''}`;
}

/** TrainingInfoProto, with its graphs converted to the IR. */
export interface TrainingInfo {
  initialization?: Graph;
  algorithm?: Graph;
  initializationBinding: StringPairs;
  updateBinding: StringPairs;
}

/** A model: metadata, opset imports, the main graph, functions, training info. */
export class Model {
  irVersion = 0;
  producerName?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: number;
  docString?: string;
  metadataProps: StringPairs = [];
  /** In file order; a duplicated domain is kept so `check` can report it. */
  opsetImports: OpsetImport[] = [];
  functions: FunctionDef[] = [];
  trainingInfo: TrainingInfo[] = [];
  /** DeviceConfigurationProto entries, kept as plain data. */
  configuration?: unknown[];
  /** False when the file had no graph at all (kept so that `check` can report it). */
  hasGraph = true;
  /** Folder that external data locations are relative to. */
  baseDir = '.';

  constructor(public graph: Graph = new Graph()) {}

  /** The opset version imported for a domain ('' or 'ai.onnx' is the default domain). */
  opsetOf(domain: string): number | undefined {
    const d = normalizeDomain(domain);
    return this.opsetImports.find((o) => normalizeDomain(o.domain) === d)?.version;
  }

  /** Like opsetOf, but throws E_NO_OPSET when the domain is not imported. */
  opset(domain = ''): number {
    const v = this.opsetOf(domain);
    if (v === undefined) {
      throw new OnnxError('E_NO_OPSET', `the model imports no opset for domain "${domain || 'ai.onnx'}"`);
    }
    return v;
  }

  setOpset(domain: string, version: number): void {
    const d = normalizeDomain(domain);
    const found = this.opsetImports.find((o) => normalizeDomain(o.domain) === d);
    if (found) found.version = version;
    else this.opsetImports.push({ domain, version });
  }

  findFunction(domain: string, name: string, overload?: string): FunctionDef | undefined {
    const key = functionKey(domain, name, overload);
    return this.functions.find((f) => f.key === key);
  }

  metadata(key: string): string | undefined {
    return this.metadataProps.find(([k]) => k === key)?.[1];
  }
}

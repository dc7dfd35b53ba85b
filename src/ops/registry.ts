/**
 * The operator registry: resolves (domain, op type, opset) to the schema of the highest version
 * whose `since` is <= the opset, as onnx and Netron do.
 */
import { normalizeDomain } from '../ir/node.js';
import { resolveOp } from './schema.js';
import type { OpDef, OpSchema } from './types.js';

/** The domains whose operators this tool defines. */
export const STANDARD_DOMAINS: ReadonlySet<string> = new Set(['', 'ai.onnx.ml', 'ai.onnx.preview', 'ai.onnx.preview.training']);

export function isStandardDomain(domain: string): boolean {
  return STANDARD_DOMAINS.has(normalizeDomain(domain));
}

function key(domain: string, opType: string): string {
  return `${normalizeDomain(domain)}::${opType}`;
}

export class OpRegistry {
  private readonly defs = new Map<string, OpDef>();
  /** Parsed schemas, filled on first use of each op. */
  private readonly byOp = new Map<string, OpSchema[]>();

  constructor(defs: readonly OpDef[]) {
    for (const def of defs) {
      const k = key(def.domain ?? '', def.opType);
      if (this.defs.has(k)) throw new Error(`operator ${k} is defined twice`);
      this.defs.set(k, def);
    }
  }

  private parsed(k: string): OpSchema[] | undefined {
    let versions = this.byOp.get(k);
    if (versions) return versions;
    const def = this.defs.get(k);
    if (!def) return undefined;
    versions = resolveOp(def);
    for (let i = 1; i < versions.length; i++) {
      if (versions[i]!.since === versions[i - 1]!.since) throw new Error(`operator ${k} has two versions since ${versions[i]!.since}`);
    }
    this.byOp.set(k, versions);
    return versions;
  }

  /**
   * Versions by domain, then op type (null: unknown op): resolve() runs for every node, twice per
   * check, and a two-level lookup needs no "domain::op" string built and hashed each time.
   */
  private readonly byDomain = new Map<string, Map<string, OpSchema[] | null>>();

  /** The schema in force at `opset`, or undefined (unknown op, or opset before its first version). */
  resolve(domain: string, opType: string, opset: number): OpSchema | undefined {
    let ops = this.byDomain.get(domain);
    if (!ops) this.byDomain.set(domain, (ops = new Map()));
    let versions = ops.get(opType);
    if (versions === undefined) ops.set(opType, (versions = this.parsed(key(domain, opType)) ?? null));
    if (!versions) return undefined;
    let found: OpSchema | undefined;
    for (const v of versions) if (v.since <= opset) found = v;
    return found;
  }

  /** Every version of an op, oldest first (empty if unknown). */
  versions(domain: string, opType: string): readonly OpSchema[] {
    return this.parsed(key(domain, opType)) ?? [];
  }

  has(domain: string, opType: string): boolean {
    return this.defs.has(key(domain, opType));
  }

  /** The newest `since` of any op in a domain: the highest opset this tool knows. */
  maxOpset(domain: string): number {
    let max = 0;
    const d = normalizeDomain(domain);
    for (const k of this.defs.keys()) if (k.startsWith(`${d}::`)) max = Math.max(max, ...this.parsed(k)!.map((v) => v.since));
    return max;
  }

  /** Every op definition, sorted by domain and name. */
  list(): OpSchema[][] {
    return [...this.defs.keys()].sort((a, b) => a.localeCompare(b)).map((k) => this.parsed(k)!);
  }
}

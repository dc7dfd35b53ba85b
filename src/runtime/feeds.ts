/**
 * Checks the values given for a graph's inputs against what the graph declares, before running:
 * every required input given, no unknown names, element types and static dims equal, and one
 * size per symbolic dim across all inputs.
 */
import { dtypeName } from '../ir/dtype.js';
import type { Graph } from '../ir/graph.js';
import { Tensor } from '../ir/tensor.js';
import { shapeString, typeString } from '../ir/types.js';
import type { RtValue } from '../ops/values.js';
import { typeOfValue } from '../ops/values.js';
import { OnnxError } from '../util/errors.js';

export function checkFeeds(g: Graph, feeds: ReadonlyMap<string, RtValue>, opts: { shapes?: boolean } = {}): void {
  const known = new Set(g.inputs.map((v) => v.name));
  const unknown = [...feeds.keys()].filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new OnnxError('E_INPUT', `the model has no input named ${unknown.map((n) => `"${n}"`).join(', ')}`, {
      hint: `its inputs are: ${g.inputs.filter((v) => !g.initializers.has(v.name)).map((v) => v.name).join(', ')}`,
    });
  }
  const symbols = new Map<string, { size: number; input: string }>();
  for (const v of g.inputs) {
    const x = feeds.get(v.name);
    if (x === undefined) {
      if (g.initializers.has(v.name)) continue;
      const optional = v.type?.kind === 'optional';
      if (optional) continue;
      throw new OnnxError('E_INPUT', `no value given for input "${v.name}" (${describe(v.type)})`, { value: v.name });
    }
    const t = v.type;
    if (!t || t.kind === 'unset') continue;
    if (t.kind !== 'tensor') {
      const got = typeOfValue(x);
      if (got.kind !== t.kind && t.kind !== 'optional') {
        throw new OnnxError('E_INPUT', `input "${v.name}" expects ${typeString(t)}, got ${typeString(got)}`, { value: v.name });
      }
      continue;
    }
    if (!(x instanceof Tensor)) {
      throw new OnnxError('E_INPUT', `input "${v.name}" expects a tensor (${describe(t)}), got a ${x.kind}`, { value: v.name });
    }
    if (t.elemType && x.dtype !== t.elemType) {
      throw new OnnxError('E_INPUT', `input "${v.name}" expects ${describe(t)}, got ${dtypeName(x.dtype)} [${x.dims.join(',')}]`, {
        value: v.name,
      });
    }
    if (!t.shape || opts.shapes === false) continue;
    if (t.shape.length !== x.dims.length) {
      throw new OnnxError(
        'E_INPUT',
        `input "${v.name}" expects rank ${t.shape.length} ${shapeString(t.shape)}, got rank ${x.dims.length} [${x.dims.join(',')}]`,
        { value: v.name },
      );
    }
    t.shape.forEach((d, i) => {
      const got = x.dims[i]!;
      if (typeof d === 'number' && d !== got) {
        throw new OnnxError('E_INPUT', `input "${v.name}" expects ${shapeString(t.shape)}, got [${x.dims.join(',')}] (dim ${i})`, {
          value: v.name,
        });
      }
      if (typeof d === 'string') {
        const seen = symbols.get(d);
        if (seen && seen.size !== got) {
          throw new OnnxError(
            'E_INPUT',
            `dimension "${d}" is ${seen.size} in input "${seen.input}" but ${got} in input "${v.name}"`,
            { value: v.name },
          );
        }
        symbols.set(d, { size: got, input: v.name });
      }
    });
  }
}

function describe(t: Parameters<typeof typeString>[0]): string {
  if (t?.kind === 'tensor') return `${dtypeName(t.elemType)} ${shapeString(t.shape)}`;
  return typeString(t);
}

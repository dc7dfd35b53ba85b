/**
 * 1-D and 2-D MaxPool (without Indices) and AveragePool on the wasm window kernel, and the
 * global poolings as row reductions.
 */
import { OnnxError } from '../../util/errors.js';
import { runWindow, WindowMode } from '../../runtime/wasm/nn-calls.js';
import { ReduceOp, runReduceRows } from '../../runtime/wasm/params.js';
import { effectiveKernel, readWindowAttrs } from '../helpers/conv-pool.js';
import { geometryOf, paddedPlanes } from './conv.js';
import type { FastKernel, FastNodeInfo, FastOp, FastRunContext } from './types.js';
import { floatInput, mayBeFloat, scratchFloats, sizeOfDims } from './util.js';

const fail = (m: string): never => {
  throw new OnnxError('E_KERNEL', m);
};

function createPool(kind: 'max' | 'avg') {
  return (info: FastNodeInfo): FastKernel | undefined => {
    if (!mayBeFloat(info, [0])) return undefined;
    if (info.node.outputs[1]?.name) return undefined;
    const ks = info.attr.optInts('kernel_shape');
    if (!ks || (ks.length !== 1 && ks.length !== 2)) return undefined;
    let attrs: ReturnType<typeof readWindowAttrs>;
    try {
      attrs = readWindowAttrs(info.attr, ks.length, undefined, fail);
    } catch {
      return undefined;
    }
    const includePad = kind === 'avg' && info.attr.schema?.attrs.has('count_include_pad') === true && info.attr.int('count_include_pad') !== 0;
    const twoD = ks.length === 2;
    return {
      run(ctx: FastRunContext): boolean {
        const x = floatInput(ctx, 0);
        if (!x || x.rank !== ks.length + 2) return false;
        const g = geometryOf(attrs, ks, x.dims.slice(2));
        if (!g) return false;
        const at = (a: readonly number[], d: number, dflt: number) => (twoD ? a[d]! : d === 0 ? dflt : a[0]!);
        const [H, W, KH, KW, SH, SW, DH, DW, PT, PL, OH, OW] = [
          at(g.inDims, 0, 1), at(g.inDims, 1, 1), at(g.kernel, 0, 1), at(g.kernel, 1, 1), at(g.strides, 0, 1), at(g.strides, 1, 1),
          at(g.dilations, 0, 1), at(g.dilations, 1, 1), at(g.padsBegin, 0, 0), at(g.padsBegin, 1, 0), at(g.outDims, 0, 1), at(g.outDims, 1, 1),
        ] as const;
        const PB = at(g.padsEnd, 0, 0);
        const PR = at(g.padsEnd, 1, 0);
        // Windows of ceil_mode may run past the end padding: the padded copy covers them.
        const Hp = Math.max(H + PT + PB, (OH - 1) * SH + effectiveKernel(KH, DH));
        const Wp = Math.max(W + PL + PR, (OW - 1) * SW + effectiveKernel(KW, DW));
        const planes = x.dims[0]! * x.dims[1]!;
        const px = ctx.ptr(0);
        const y = ctx.output(0, [x.dims[0]!, x.dims[1]!, ...g.outDims]);
        const image = paddedPlanes(ctx, px, planes, H, W, PT, PL, Hp, Wp, kind === 'max' ? -Infinity : 0);
        let rowDiv = 0;
        let colDiv = 0;
        if (kind === 'avg') {
          // Taps per output row and column: inside the input, or inside the padded input with count_include_pad.
          const counts = (n: number, k: number, s: number, d: number, p0: number, size: number, padEnd: number, len: number) => {
            const out = new Float32Array(len);
            const [lo, hi] = includePad ? [-p0, size + padEnd] : [0, size];
            for (let o = 0; o < n; o++) {
              let c = 0;
              for (let t = 0; t < k; t++) {
                const i = o * s - p0 + t * d;
                if (i >= lo && i < hi) c++;
              }
              out[o] = c;
            }
            return out;
          };
          rowDiv = scratchFloats(ctx, counts(OH, KH, SH, DH, PT, H, PB, OH));
          colDiv = scratchFloats(ctx, counts(OW, KW, SW, DW, PL, W, PR, Math.ceil(OW / 4) * 4));
        }
        runWindow(
          ctx.engine,
          { mode: kind === 'max' ? WindowMode.MAX : WindowMode.AVG, x: image, y, planes, C: x.dims[1]!, H: Hp, W: Wp, KH, KW, SH, SW, DH, DW, OH, OW, rowDiv, colDiv },
          ctx.threads,
        );
        return true;
      },
    };
  };
}

function createGlobal(op: number) {
  return (info: FastNodeInfo): FastKernel | undefined => {
    if (!mayBeFloat(info, [0])) return undefined;
    return {
      run(ctx: FastRunContext): boolean {
        const x = floatInput(ctx, 0);
        if (!x || x.rank < 3) return false;
        const planes = x.dims[0]! * x.dims[1]!;
        const size = sizeOfDims(x.dims.slice(2));
        if (size === 0) return false;
        const px = ctx.ptr(0);
        const y = ctx.output(0, x.dims.map((d, i) => (i < 2 ? d : 1)));
        runReduceRows(ctx.engine, op, px, y, planes, size, ctx.threads);
        return true;
      },
    };
  };
}

export const poolFastOps: FastOp[] = [
  { opType: 'MaxPool', create: createPool('max') },
  { opType: 'AveragePool', create: createPool('avg') },
  { opType: 'GlobalAveragePool', create: createGlobal(ReduceOp.MEAN) },
  { opType: 'GlobalMaxPool', create: createGlobal(ReduceOp.MAX) },
];

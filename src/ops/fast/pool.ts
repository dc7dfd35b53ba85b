/**
 * 1-D and 2-D MaxPool (without Indices) and AveragePool on the wasm window kernel, and the
 * global poolings as row reductions.
 */
import { OnnxError } from '../../util/errors.js';
import { ReduceOp, runReduceRows, runWindow, WindowMode } from '../../runtime/wasm/params.js';
import { effectiveKernel, readWindowAttrs } from '../helpers/conv-pool.js';
import { geometryOf } from './conv.js';
import type { FastKernel, FastNodeInfo, FastOp, FastRunContext } from './types.js';
import { floatInput, mayBeFloat, sizeOfDims } from './util.js';

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
        if (includePad) {
          // The divisor is the window size only when no window runs past the padded input.
          for (let d = 0; d < ks.length; d++) {
            if ((g.outDims[d]! - 1) * g.strides[d]! + effectiveKernel(g.kernel[d]!, g.dilations[d]!) > g.inDims[d]! + g.padsBegin[d]! + g.padsEnd[d]!) return false;
          }
        }
        const at = (a: readonly number[], d: number, dflt: number) => (twoD ? a[d]! : d === 0 ? dflt : a[0]!);
        const px = ctx.ptr(0);
        const y = ctx.output(0, [x.dims[0]!, x.dims[1]!, ...g.outDims]);
        runWindow(
          ctx.engine,
          {
            mode: kind === 'max' ? WindowMode.MAX : includePad ? WindowMode.AVG_PAD : WindowMode.AVG,
            x: px,
            y,
            planes: x.dims[0]! * x.dims[1]!,
            C: x.dims[1]!,
            H: at(g.inDims, 0, 1),
            W: at(g.inDims, 1, 1),
            KH: at(g.kernel, 0, 1),
            KW: at(g.kernel, 1, 1),
            SH: at(g.strides, 0, 1),
            SW: at(g.strides, 1, 1),
            DH: at(g.dilations, 0, 1),
            DW: at(g.dilations, 1, 1),
            PT: at(g.padsBegin, 0, 0),
            PL: at(g.padsBegin, 1, 0),
            OH: at(g.outDims, 0, 1),
            OW: at(g.outDims, 1, 1),
          },
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

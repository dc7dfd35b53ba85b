/** Helpers shared by the fast kernels. */
import { DataType } from '../../ir/dtype.js';
import type { Tensor } from '../../ir/tensor.js';
import type { ValueType } from '../../ir/types.js';
import type { WasmEngine } from '../../runtime/wasm/engine.js';
import type { FastNodeInfo, FastRunContext } from './types.js';

/** Whether a static type rules out float32 (unknown types do not). */
export function notFloat(t: ValueType | undefined): boolean {
  return t !== undefined && (t.kind !== 'tensor' || (t.elemType !== DataType.UNDEFINED && t.elemType !== DataType.FLOAT));
}

/** Whether the node's typed inputs (those given) may all be float32. */
export function mayBeFloat(info: FastNodeInfo, inputs: readonly number[]): boolean {
  return inputs.every((i) => !notFloat(info.inputTypes[i]));
}

/** Input i as a float32 tensor, or undefined (absent or another type). */
export function floatInput(ctx: FastRunContext, i: number): Tensor | undefined {
  const t = ctx.input(i);
  return t && t.dtype === DataType.FLOAT && t.isLoaded ? t : undefined;
}

export function sizeOfDims(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/** Copies floats into a session-lifetime block; returns its address. */
export function keepFloats(info: FastNodeInfo, data: Float32Array): number {
  const p = info.keep(Math.max(data.byteLength, 4));
  info.engine.f32(p, data.length).set(data);
  return p;
}

/** Copies floats into a block valid for the current kernel call. */
export function scratchFloats(ctx: FastRunContext, data: Float32Array): number {
  const p = ctx.scratch(Math.max(data.byteLength, 4));
  ctx.engine.f32(p, data.length).set(data);
  return p;
}

/** A temporary copy of floats in wasm memory for setup work; released by the caller. */
export function withTemp<T>(engine: WasmEngine, data: Float32Array, fn: (ptr: number) => T): T {
  const p = engine.alloc(Math.max(data.byteLength, 4));
  try {
    engine.f32(p, data.length).set(data);
    return fn(p);
  } finally {
    engine.release(p);
  }
}

/** The constant float32 data of input i, if it is a loaded constant. */
export function constFloats(info: FastNodeInfo, i: number): Float32Array | undefined {
  const t = info.constants[i];
  return t && t.dtype === DataType.FLOAT && t.isLoaded ? (t.data() as Float32Array) : undefined;
}
